"""`pactum demo`: what it prints is what the library computes.

The demo's explained scorecards and its worked example are parsed from its
output and recomputed from the demo database through the Python API; every
indicator's points, every rule's points and hit count, and the totals must
match exactly. Its timings are shown in the test log, not asserted.
"""

import datetime
import re
from decimal import Decimal

import pytest

import pactum
from conftest import dump_database, run_cli

D = datetime.date

HEAD = re.compile(r"^scorecard of (\S+) \((\S+)\) for (\S+) \((\S+)\.\.(\S+)\) as of (\S+)$")
INDICATOR = re.compile(r"^  (\w+): (-?\d+\.\d\d) of (\d+(?:\.\d+)?) \((?:value (\S+)|no data yet)\)$")
DETAIL = re.compile(r"^    .*; contracts: (.*)$")
RULE = re.compile(r"^  rule (\w+): ([+-]\d+\.\d\d)$")
HIT = re.compile(
    r"^    (hit|retraction) ([+-]\d+\.\d\d): contract (\S+), (?:event (\d+) on (\S+)|instalment (\d+) due (\S+)|"
    r"delivery refused for quality \(event (\d+) on (\S+)\)|no accepted delivery by (\S+))$")
MORE_HITS = re.compile(r"^    \.\.\. and (\d+) more hit\(s\) of this rule$")
CAP = re.compile(r"^    cap ([+-]\d+\.\d\d): the rule's cap$")
TOTAL = re.compile(
    r"^total (-?\d+\.\d\d) \((-?\d+\.\d\d\d) of 10\): indicators (-?\d+\.\d\d) of 100, event rules ([+-]\d+\.\d\d)$")
WORKED_PAYMENT = re.compile(r"^  (\d{4}-\d\d-\d\d): \+\S+, collected \S+ \((\d+)%\)$")
WORKED_MONTH = re.compile(
    r"^    (\d{4}-\d\d): collection_rate (\d+\.\d\d) of (\d+) points, signed_amount (\d+\.\d\d) of (\d+) \(quarter to date\), "
    r"event rules (.*); score (\d+\.\d\d), coverage (\d+)$")
WORKED_BONUS = re.compile(r"^    monthly bonus on 10000\.00: (-?\d+\.\d\d) \((.*)\)$")


def section(stdout, title_prefix):
    """The lines of the section whose heading starts with `title_prefix`."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("== " + title_prefix))
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("== ")), len(lines))
    return lines[start], lines[start + 1 : end]


def parse_scorecards(lines):
    """The printed scorecards: header fields, indicators, rules (points,
    listed hits, hidden count, caps) and the totals."""
    cards = []
    rule = None
    for line in lines:
        if m := HEAD.match(line):
            cards.append({"employee": m[1], "position": m[2], "period": m[3], "start": m[4], "end": m[5],
                          "as_of": m[6], "indicators": [], "rules": [], "total": None})
            rule = None
        elif not cards:
            continue
        elif m := INDICATOR.match(line):
            cards[-1]["indicators"].append({"name": m[1], "points": m[2], "weight": m[3], "value": m[4]})
        elif m := DETAIL.match(line):
            cards[-1]["indicators"][-1]["contracts"] = m[1]
        elif m := RULE.match(line):
            rule = {"rule": m[1], "points": m[2], "hits": [], "hidden": 0, "caps": []}
            cards[-1]["rules"].append(rule)
        elif m := HIT.match(line):
            event = m[4] or m[8]
            rule["hits"].append({"kind": m[1], "points": m[2], "contract": m[3],
                                 "event": int(event) if event else None,
                                 "installment": int(m[6]) if m[6] else None,
                                 "date": m[5] or m[7] or m[9] or m[10]})
        elif m := MORE_HITS.match(line):
            rule["hidden"] += int(m[1])
        elif m := CAP.match(line):
            rule["caps"].append(m[1])
        elif m := TOTAL.match(line):
            cards[-1]["total"] = (m[1], m[2])
            cards[-1]["parts"] = (m[3], m[4])
    return cards


def test_three_explained_scorecards_match_the_python_api(demo_run):
    title, lines = section(demo_run["stdout"], "Three explained scorecards")
    assert title == "== Three explained scorecards, 2024 as of 2024-12-31 =="
    cards = parse_scorecards(lines)
    # One of each scored position.
    assert [c["position"] for c in cards] == ["sales", "rnd", "procurement"]
    with pactum.open(demo_run["db"]) as db:
        for printed in cards:
            assert (printed["period"], printed["start"], printed["end"], printed["as_of"]) == (
                "2024", "2024-01-01", "2024-12-31", "2024-12-31")
            card = db.scorecard(printed["employee"], "2024", as_of=D(2024, 12, 31))
            assert card.position == printed["position"]
            # Every indicator, in the template's order, with its exact points.
            assert [i["name"] for i in printed["indicators"]] == [i["name"] for i in card.indicators]
            for shown, actual in zip(printed["indicators"], card.indicators):
                assert shown["points"] == str(actual["points"]), shown["name"]
                assert Decimal(shown["weight"]) == actual["weight"]
                assert Decimal(shown["value"]) == actual["value"], shown["name"]
                # The contracts: the first ones listed, the rest counted.
                listed = shown["contracts"]
                m = re.search(r" and (\d+) more \((\d+) in all\)$", listed)
                if m:
                    names = listed[: m.start()].split(", ")
                    assert int(m[2]) == len(actual["contracts"]) == len(names) + int(m[1])
                else:
                    names = listed.split(", ")
                    assert len(names) == len(actual["contracts"])
                assert names == actual["contracts"][: len(names)]
            # Every rule that fired, with its points, its hits and caps.
            fired = []
            for r in card.rules:
                if r["rule"] not in fired:
                    fired.append(r["rule"])
            assert sorted(r["rule"] for r in printed["rules"]) == sorted(fired)
            for shown in printed["rules"]:
                name = shown["rule"]
                assert Decimal(shown["points"]) == card.rule_points(name), name
                hits = [r for r in card.rules if r["rule"] == name and r["kind"] != "cap"]
                caps = [r for r in card.rules if r["rule"] == name and r["kind"] == "cap"]
                assert len(shown["hits"]) + shown["hidden"] == len(hits), name
                assert [Decimal(c) for c in shown["caps"]] == [c["points"] for c in caps], name
                for s, h in zip(shown["hits"], hits):
                    assert (s["kind"], Decimal(s["points"]), s["contract"], s["event"], s["installment"], s["date"]) == (
                        h["kind"], h["points"], h["contract"],
                        None if h["installment"] else h["event"], h["installment"], h["date"].isoformat())
                # The sum of what the rule explains is its points.
                assert sum((h["points"] for h in hits), Decimal("0")) + sum(
                    (c["points"] for c in caps), Decimal("0")) == Decimal(shown["points"])
            # The totals, digit for digit: the indicators (scaled to the
            # coverage; every indicator has data at the year's end) plus the
            # rules.
            assert printed["total"] == (str(card.total), str(card.total_10))
            assert card.coverage == 100
            assert Decimal(printed["parts"][0]) == card.scaled_points == sum(
                (i["points"] for i in card.indicators), Decimal("0"))
            assert Decimal(printed["parts"][1]) == card.rule_total == sum((r["points"] for r in card.rules), Decimal("0"))
            assert card.scaled_points + card.rule_total == card.total


def test_the_worked_example_is_what_the_scorecard_api_says(demo_run):
    title, lines = section(demo_run["stdout"], "The article's worked example")
    lines = [line for line in lines if line.strip()]
    intro = re.match(r"^(\S+) \((E\d+)\) signs (\S+): 1000000\.00 CNY on 2024-01-10;", lines[0])
    assert intro, lines[0]
    owner = intro[2]
    body = lines[1:-1]
    assert len(body) == 9, body
    payments = [WORKED_PAYMENT.match(line) for line in body[0::3]]
    months = [WORKED_MONTH.match(line) for line in body[1::3]]
    bonuses = [WORKED_BONUS.match(line) for line in body[2::3]]
    assert all(payments) and all(months) and all(bonuses), body
    assert [(m[1], m[2]) for m in payments] == [("2024-01-31", "30"), ("2024-02-29", "80"), ("2024-03-31", "100")]
    # The monthly scorecards: 9, 24 and 30 of the 30 collection points, the
    # full signing points in each month (quarter to date), the 80% bonus in
    # February, and no cut of February's bonus.
    assert [(m[1], m[2], m[3], m[4], m[5]) for m in months] == [
        ("2024-01", "9.00", "30", "40.00", "40"), ("2024-02", "24.00", "30", "40.00", "40"),
        ("2024-03", "30.00", "30", "40.00", "40")]
    assert "collection_80 +5.00" in months[1][6]
    assert bonuses[1][1] == "0.00"
    with pactum.open(demo_run["db"]) as db:
        contract = db.contract(intro[3])
        assert contract.owner == owner
        for pay, month, bonus in zip(payments, months, bonuses):
            as_of = D.fromisoformat(pay[1])
            card = db.scorecard(owner, month[1], as_of=as_of)
            assert str(card.indicator("collection_rate")["points"]) == month[2]
            assert str(card.indicator("signed_amount")["points"]) == month[4]
            assert str(card.total) == month[7] and str(card.coverage) == month[8]
            decision = db.bonus_decision(owner, month[1], Decimal("10000"), as_of=as_of)
            assert str(decision["adjustment"]) == bonus[1]
    # The quarter's line.
    assert re.match(r"^  2024-Q1 as of 2024-03-31: score \d+\.\d\d, event rules collection_80 \+5\.00", lines[-1]), lines[-1]


def test_the_verdicts_an_hr_director_reads(demo_run):
    out = demo_run["stdout"]
    # The year played through the clock expires and hands over contracts.
    m = re.search(r"(\d+) expired at their end date unfinished, (\d+) handed over to a colleague", out)
    assert m and int(m[1]) > 0 and int(m[2]) > 0
    # Nothing but receivables under "collect", nothing but procurement under "pay".
    _, forecast = section(out, "Forecast")
    text = "\n".join(forecast)
    receivables = text[text.index("Receivables to collect"):text.index("Payables to pay")]
    payables = text[text.index("Payables to pay"):text.index("Instalments falling due")]
    listed = re.findall(r"^([A-Z]+)-2024-", receivables, re.M)
    assert listed and set(listed) <= {"XSC", "XM", "ZL", "HT"}
    assert set(re.findall(r"^([A-Z]+)-2024-", payables, re.M)) == {"CG"}
    with pactum.open(demo_run["db"]) as db:
        report = db.report_employees("2024", as_of=D(2024, 12, 31))
        assert report.unclassified_groups == ["procurement"]
        for row in report:
            if row["position"] == "procurement":
                assert row["classification"] is None and row["score"] is not None
            if row["recommended_action"] == "promote":
                assert row["score"] >= 80 and row["score_top_half"]
            if row["recommended_action"] == "improvement_plan":
                assert row["score"] < 80 and not row["score_top_half"]
        # The bonus table: every cut has its reason, and none is for missing data.
        _, bonus = section(out, "Bonus adjustments")
        rows = [line for line in bonus if re.match(r"^E\d+ ", line)]
        assert rows
        for line in rows:
            employee = line.split()[0]
            decision = db.bonus_decision(employee, "2024", Decimal("1"), as_of=D(2024, 12, 31))
            assert decision["reason"] in ("band", "insufficient_data")
            if decision["reason"] == "band":
                assert "is in a bonus band: -10% of the base" in line
            else:
                assert "insufficient data" in line and line.split()[6] == "0.00"


def test_every_section_is_printed_and_the_timings_are_shown(demo_run):
    out = demo_run["stdout"]
    for title in ("The article's worked example", "Three explained scorecards", "Department report",
                  "Employee report", "Forecast", "Pending reminders as of 2024-12-31", "Bonus adjustments, 2024",
                  "Files", "Timings"):
        assert "\n== " + title in out, title
    assert demo_run["stderr"] == ""
    counts = re.search(r"(\d+) contracts approved through the default routing table", out)
    assert counts and int(counts[1]) >= 2000
    _, timings = section(out, "Timings")
    stages = [re.match(r"^  (.+): (\d+) ms$", line) for line in timings]
    assert all(stages) and stages[-1][1] == "total"
    # Read in the log (pytest -s, or the summary at the end); not asserted.
    print("\n".join(timings))


def test_the_demo_database_is_marked_and_rebuilt_only_when_it_is_one(pactum_cli, demo_run, tmp_path):
    with pactum.open(demo_run["db"]) as db:
        assert db.label("pactum.demo") == "seed=2024"
        assert len(db.find_contracts()) >= 2000
        departments = {d["code"]: d["name"] for d in db.departments()}
        for name in ("市场部", "销售部", "研发部", "采购部"):
            assert name in departments.values()
    # A database of someone else's is never overwritten.
    other = str(tmp_path / "books.db")
    with pactum.open(other) as db:
        db.add_department("SD", "销售部")
    before = dump_database(other)
    r = run_cli(pactum_cli, "--db", other, "demo", "--html", str(tmp_path / "x.html"))
    assert r.returncode == 1
    assert "PACTUM_ECONFLICT (-3)" in r.stderr and "is not a Pactum demo database" in r.stderr
    assert r.stdout == ""
    assert dump_database(other) == before
    assert not (tmp_path / "x.html").exists()
    r = run_cli(pactum_cli, "--lang", "zh-CN", "--db", other, "demo")
    assert r.returncode == 1 and "PACTUM_ECONFLICT (-3)" in r.stderr and "不是 Pactum 演示数据库" in r.stderr
    assert dump_database(other) == before
    # Nor a file that is not a database, nor an HTML file that is not a report.
    notes = tmp_path / "notes.txt"
    notes.write_text("keep me\n")
    r = run_cli(pactum_cli, "--db", str(notes), "demo")
    assert r.returncode == 1 and "PACTUM_ECONFLICT (-3)" in r.stderr
    assert notes.read_text() == "keep me\n"
    page = tmp_path / "page.html"
    page.write_text("<p>mine</p>")
    r = run_cli(pactum_cli, "--db", str(tmp_path / "new.db"), "demo", "--html", str(page))
    assert r.returncode == 1 and "is not a Pactum HTML report" in r.stderr
    assert page.read_text() == "<p>mine</p>"
    # Usage errors.
    r = run_cli(pactum_cli, "--db", str(tmp_path / "new.db"), "demo", "--seed", "-3")
    assert r.returncode == 2 and "--seed" in r.stderr
    r = run_cli(pactum_cli, "--db", str(tmp_path / "new.db"), "demo", "--seed", "x1")
    assert r.returncode == 2 and "'x1'" in r.stderr
    r = run_cli(pactum_cli, "demo", "extra")
    assert r.returncode == 2 and "extra" in r.stderr
    assert not (tmp_path / "new.db").exists()
