"""The examples print what they say. The C and C++ programs build the same
company and print the same scorecard, which the Python API recomputes from
their database files; their refusals are reported with a code (one in
Chinese) and change nothing. The analyst script's tables, what-if and
refusals agree with the library's own figures."""

import json
import os
import re
import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest

import pactum

Q1 = "2024-Q1"
CJK = re.compile("[\u4e00-\u9fff]")


def run(args):
    return subprocess.run(args, capture_output=True, text=True, timeout=300, check=False)


def scorecard_document(stdout):
    lines = [line for line in stdout.splitlines() if line.startswith('{"version":1,"employee"')]
    assert len(lines) == 1, stdout
    return json.loads(lines[0])


@pytest.fixture(scope="module", params=["c", "cpp"])
def program(request, tmp_path_factory):
    """Runs one example program on a new database file."""
    exe = os.environ.get("PACTUM_EXAMPLE_" + request.param.upper())
    if not exe:
        pytest.skip("PACTUM_EXAMPLE_C / PACTUM_EXAMPLE_CPP not set (run through ctest)")
    path = tmp_path_factory.mktemp("example_" + request.param) / "company.db"
    result = run([exe, str(path)])
    assert result.returncode == 0, result.stderr
    return request.param, result, path


def test_example_prints_the_article_worked_example(program):
    _, result, _ = program
    card = scorecard_document(result.stdout)
    collection = next(i for i in card["indicators"] if i["name"] == "collection_rate")
    assert (collection["value_exact"], collection["points"], collection["weight"]) == ("3/10", "9.00", "30")
    assert card["employee"] == "E001" and card["period"] == Q1 and card["as_of"] == "2024-03-31"


def test_example_scorecard_equals_the_library_recomputation(program):
    _, result, path = program
    printed = scorecard_document(result.stdout)
    with pactum.open(str(path)) as db:
        card = db.scorecard("E001", Q1, as_of=date(2024, 3, 31))
    assert Decimal(printed["total"]) == card.total
    assert [(i["name"], Decimal(i["points"])) for i in printed["indicators"]] == \
        [(i["name"], i["points"]) for i in card.indicators]
    assert [(r["rule"], Decimal(r["points"])) for r in printed["rules"]] == [(r["rule"], r["points"]) for r in card.rules]


def test_example_refusals_carry_a_code_and_change_nothing(program):
    _, result, path = program
    refusals = [line for line in result.stderr.splitlines() if line.startswith("refused: ")]
    assert len(refusals) == 2, result.stderr
    assert all("PACTUM_EINVALID" in line for line in refusals)
    assert "800000.00" in refusals[0] and not CJK.search(refusals[0])
    assert "2024-02-30" in refusals[1] and CJK.search(refusals[1])
    with pactum.open(str(path)) as db:
        number = db.find_contracts(owner="E001")[0].number
        assert db.execution(number, as_of=date(2024, 12, 31))["collected"] == Decimal("300000.00")
        assert [e["type"] for e in db.events(number)].count("payment_received") == 2
        assert not any(e["key"] == "BANK-0003" for e in db.events(number))


def test_c_and_cpp_examples_print_the_same_scorecard(tmp_path):
    documents = []
    for name in ("C", "CPP"):
        exe = os.environ.get("PACTUM_EXAMPLE_" + name)
        if not exe:
            pytest.skip("run through ctest")
        result = run([exe, str(tmp_path / (name + ".db"))])
        assert result.returncode == 0, result.stderr
        documents.append(scorecard_document(result.stdout))
    assert documents[0] == documents[1]


@pytest.fixture(scope="module")
def analyst(tmp_path_factory):
    examples = os.environ.get("PACTUM_EXAMPLES_DIR")
    if not examples:
        pytest.skip("PACTUM_EXAMPLES_DIR not set (run through ctest)")
    path = tmp_path_factory.mktemp("analyst") / "company.db"
    result = run([sys.executable, os.path.join(examples, "python", "analyst.py"), str(path)])
    assert result.returncode == 0, result.stderr
    return result.stdout, path


def test_analyst_scorecard_table_matches_the_library(analyst):
    stdout, path = analyst
    with pactum.open(str(path)) as db:
        cards = {card.employee: card for card in db.scorecards(Q1, as_of=date(2024, 3, 31))}
    table = stdout.split("Scorecards 2024-Q1\n", 1)[1].split("\n\n", 1)[0].splitlines()
    rows = {line.split()[0]: line.split()[1:] for line in table[2:]}
    assert set(rows) == {"E001", "E002", "E003", "E004"}
    for employee, cells in rows.items():
        card = cards[employee]
        points = [card.indicator(name)["points"]
                  for name in ("signed_amount", "collection_rate", "satisfaction", "execution_cycle")]
        rule_points = sum((hit["points"] for hit in card.rules), Decimal("0.00"))
        assert [Decimal(c) for c in cells] == [card.total, *points, rule_points]
    totals = [Decimal(rows[line.split()[0]][0]) for line in table[2:]]
    assert totals == sorted(totals, reverse=True)


def test_analyst_reports_and_bonuses_match_the_library(analyst):
    stdout, path = analyst
    with pactum.open(str(path)) as db:
        assert db.report_employees(Q1, as_of=date(2024, 3, 31)).to_text() in stdout
        assert db.report_departments(Q1, as_of=date(2024, 3, 31)).to_text() in stdout
        for employee in ("E001", "E002", "E003", "E004"):
            adjustment = db.bonus_adjustment(employee, Q1, Decimal("20000.00"), as_of=date(2024, 3, 31))
            total = db.scorecard(employee, Q1, as_of=date(2024, 3, 31)).total
            assert re.search(rf"^  {employee}\s+{re.escape(str(total))}\s+{re.escape(str(adjustment))}$", stdout, re.M)


def test_analyst_what_if_is_rolled_back(analyst):
    stdout, path = analyst
    what_if = re.search(r"^E003 if paid on time: (\S+) instead of (\S+)$", stdout, re.M)
    after = re.search(r"^E003 after the rollback: (\S+)$", stdout, re.M)
    assert what_if and after
    with pactum.open(str(path)) as db:
        total = db.scorecard("E003", Q1, as_of=date(2024, 3, 31)).total
        assert not any(e["key"] == "WHAT-IF" for c in db.find_contracts(owner="E003") for e in db.events(c))
    assert Decimal(what_if.group(2)) == Decimal(after.group(1)) == total
    assert Decimal(what_if.group(1)) > total


def test_analyst_refusals(analyst):
    stdout, _ = analyst
    refusals = [line for line in stdout.splitlines() if line.startswith("refused: ")]
    assert len(refusals) == 2
    assert "float" in refusals[0]
    assert refusals[1].startswith("refused: -2 ") and "E999" in refusals[1]
