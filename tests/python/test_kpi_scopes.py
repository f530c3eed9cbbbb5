"""Indicator scopes, coverage, handovers and expiry from Python and the
command line: the article's worked example through monthly scorecards, the
payroll link on partial data (docs/kpi.md), `pactum score --bonus` and
`pactum contract reassign`."""

import datetime
import json
import subprocess
from decimal import Decimal

import pytest

import pactum
from conftest import dump_database

D = datetime.date


def company(db):
    db.add_department("SD", "销售部")
    db.add_employee("S1", "张三", "SD", "sales", hired=D(2020, 1, 1))
    db.add_employee("S2", "李四", "SD", "sales", hired=D(2021, 6, 1))
    c = db.create_contract(
        type="sales",
        owner="S1",
        amount=Decimal("1000000.00"),
        signed=D(2024, 1, 10),
        end=D(2024, 12, 31),
        counterparty="华东机械有限公司",
        installments=[
            (D(2024, 1, 31), Decimal("300000.00")),
            (D(2024, 2, 29), Decimal("500000.00")),
            (D(2024, 3, 31), Decimal("200000.00")),
        ],
    )
    db.activate(c, on=D(2024, 1, 10))
    return c


@pytest.fixture
def path(tmp_path):
    return str(tmp_path / "scopes.db")


@pytest.fixture
def db(path):
    with pactum.open(path) as handle:
        yield handle


def points(card, name):
    return card.indicator(name)["points"]


def test_the_worked_example_through_monthly_scorecards(db):
    c = company(db)
    db.record_payment(c, Decimal("300000.00"), D(2024, 1, 31), ref="BANK-1")
    feb_payment = db.record_payment(c, Decimal("500000.00"), D(2024, 2, 29), ref="BANK-2")
    db.record_payment(c, Decimal("200000.00"), D(2024, 3, 31), ref="BANK-3")
    cards = {p: db.scorecard("S1", p, as_of=end) for p, end in
             [("2024-01", D(2024, 1, 31)), ("2024-02", D(2024, 2, 29)), ("2024-03", D(2024, 3, 31))]}
    assert [points(cards[p], "collection_rate") for p in cards] == [Decimal("9.00"), Decimal("24.00"), Decimal("30.00")]
    assert [cards[p].rule_points("collection_80") for p in cards] == [Decimal("0.00"), Decimal("5.00"), Decimal("0.00")]
    crossing = [h for h in cards["2024-02"].rules if h["rule"] == "collection_80"]
    assert [h["event"] for h in crossing] == [feb_payment["seq"]]
    for card in cards.values():
        assert points(card, "signed_amount") == Decimal("40.00")
        assert card.indicator("signed_amount")["scope"] == "to_date"
        assert card.indicator("collection_rate")["scope"] == "active"
        assert card.coverage == 70
    assert cards["2024-02"].total == Decimal("96.43")
    assert db.bonus_adjustment("S1", "2024-02", Decimal("10000.00"), as_of=D(2024, 2, 29)) == Decimal("0.00")
    decision = db.bonus_decision("S1", "2024-02", Decimal("10000.00"), as_of=D(2024, 2, 29))
    assert decision["reason"] == "no_band"
    assert decision["score"] == Decimal("96.43")
    assert decision["coverage"] == 70


def test_an_april_payment_counts_in_april_and_the_second_quarter(db):
    c = company(db)
    db.record_payment(c, Decimal("300000.00"), D(2024, 1, 31), ref="BANK-1")
    db.record_payment(c, Decimal("500000.00"), D(2024, 2, 29), ref="BANK-2")
    db.record_payment(c, Decimal("200000.00"), D(2024, 4, 10), ref="BANK-3")
    march = db.scorecard("S1", "2024-03", as_of=D(2024, 3, 31))
    assert points(march, "collection_rate") == Decimal("24.00")
    assert march.rule_points("installment_overdue") == Decimal("-3.00")
    for period in ("2024-04", "2024-Q2"):
        card = db.scorecard("S1", period, as_of=D(2024, 6, 30))
        assert points(card, "collection_rate") == Decimal("30.00"), period
        assert card.indicator("collection_rate")["value_exact"] == "1"
        assert card.rules == [], period


def test_coverage_decides_and_never_cuts_on_missing_data(db, path):
    c = company(db)
    for ref, amount, day in [("B1", "300000.00", D(2024, 1, 31)), ("B2", "500000.00", D(2024, 2, 29)),
                             ("B3", "200000.00", D(2024, 3, 31))]:
        db.record_payment(c, Decimal(amount), day, ref=ref)
    q1 = db.scorecard("S1", "2024-Q1", as_of=D(2024, 3, 31))
    assert q1.coverage == 70
    assert q1.indicator("satisfaction")["no_data"] is True
    assert q1.total >= 80
    assert db.bonus_adjustment("S1", "2024-Q1", Decimal("10000.00"), as_of=D(2024, 3, 31)) == Decimal("0.00")

    template = db.kpi_template("sales")
    template.update(version=template["version"] + 1, no_data="zero")
    db.define_template(template)
    assert db.scorecard("S1", "2024-Q1", as_of=D(2024, 3, 31)).total == Decimal("75.00")
    assert db.bonus_adjustment("S1", "2024-Q1", Decimal("10000.00"), as_of=D(2024, 3, 31)) == Decimal("-1000.00")

    db.set_bonus_bands([{"from": None, "below": Decimal("80"), "rate": Decimal("-0.10")}], min_coverage=Decimal("80"))
    assert db.payroll_link()["min_coverage"] == 80
    decision = db.bonus_decision("S1", "2024-Q1", Decimal("10000.00"), as_of=D(2024, 3, 31))
    assert decision["reason"] == "insufficient_data"
    assert decision["score"] == Decimal("75.00")
    assert decision["adjustment"] == Decimal("0.00")
    assert decision["rate"] == 0

    before = dump_database(path)
    with pytest.raises(pactum.ValidationError):
        db.set_bonus_bands([], min_coverage=Decimal("100.5"))
    with pytest.raises(pactum.ValidationError):
        db.bonus_decision("S1", "2024-Q1", Decimal("-1.00"))
    with pytest.raises(pactum.NotFoundError):
        db.bonus_decision("NOBODY", "2024-Q1", Decimal("1.00"))
    with pytest.raises(pactum.ValidationError):
        db.bonus_decision("S1", "2024-Q9", Decimal("1.00"))
    with pytest.raises((pactum.ValidationError, TypeError)):
        db.bonus_decision("S1", "2024-Q1", 1.5)  # a float is never money
    assert dump_database(path) == before


def test_a_handover_keeps_signing_with_the_signer_and_moves_execution(db, path):
    c = company(db)
    db.record_payment(c, Decimal("300000.00"), D(2024, 1, 31), ref="BANK-1")
    event = db.reassign(c, "S2", "S1 moves to key accounts", on=D(2024, 2, 15))
    assert event["type"] == "reassigned"
    assert event["payload"] == {"from": "S1", "to": "S2"}
    contract = db.contract(c)
    assert (contract.owner, contract.signer) == ("S2", "S1")
    db.record_payment(c, Decimal("500000.00"), D(2024, 2, 29), ref="BANK-2")

    s1 = db.scorecard("S1", "2024-Q1", as_of=D(2024, 3, 31))
    s2 = db.scorecard("S2", "2024-Q1", as_of=D(2024, 3, 31))
    assert s1.indicator("signed_amount")["contracts"] == [contract.number]
    assert s2.indicator("signed_amount")["contracts"] == []
    assert points(db.scorecard("S1", "2024-01", as_of=D(2024, 1, 31)), "collection_rate") == Decimal("9.00")
    assert points(db.scorecard("S2", "2024-02", as_of=D(2024, 2, 29)), "collection_rate") == Decimal("24.00")
    assert s1.rule_points("collection_80") == Decimal("0.00")
    assert s2.rule_points("collection_80") == Decimal("5.00")

    before = dump_database(path)
    with pytest.raises(pactum.NotFoundError):
        db.reassign(c, "NOBODY", "unknown", on=D(2024, 3, 1))
    with pytest.raises(pactum.ValidationError):
        db.reassign(c, "S1", "", on=D(2024, 3, 1))
    with pytest.raises(pactum.ValidationError):
        db.reassign(c, "S1", "before the last handover", on=D(2024, 2, 1))
    with pytest.raises((pactum.ValidationError, TypeError)):
        db.reassign(c, "S1", "bad date", on="2024-02-30")
    with pytest.raises((pactum.ValidationError, TypeError)):
        db.reassign(c, None, "no owner")
    assert dump_database(path) == before


def test_the_clock_expires_a_contract_past_its_end(db):
    c = company(db)
    db.advance_to(D(2024, 12, 31))
    assert db.contract(c).status == "active"
    tick = db.advance_to(D(2025, 1, 1))
    assert db.contract(c).status == "expired"
    expired = [e for e in db.events(c) if e["type"] == "expired"]
    assert [e["effective"] for e in expired] == [D(2024, 12, 31)]
    assert db.advance_to(D(2025, 1, 1))["seq"] == tick["seq"]
    assert len([e for e in db.events(c) if e["type"] == "expired"]) == 1


# ---- The command line ----------------------------------------------------------------


def run(cli, *args):
    return subprocess.run([cli, *args], capture_output=True, text=True, timeout=60)


@pytest.fixture
def cli_db(path):
    with pactum.open(path) as db:
        c = company(db)
        db.record_payment(c, Decimal("300000.00"), D(2024, 1, 31), ref="BANK-1")
        db.record_payment(c, Decimal("500000.00"), D(2024, 2, 29), ref="BANK-2")
        number = db.contract(c).number
    return path, number


def test_cli_score_bonus_is_the_monthly_payroll_link(pactum_cli, cli_db):
    path, _ = cli_db
    r = run(pactum_cli, "--db", path, "score", "S1", "--period", "2024-02", "--as-of", "2024-02-29", "--bonus", "10000")
    assert r.returncode == 0, r.stderr
    assert "collection_rate: 24.00 of 30" in r.stdout
    assert "coverage 70" in r.stdout
    assert "bonus on 10000.00 CNY: 0.00 CNY (score 96.43 in no band: no adjustment)" in r.stdout
    r = run(pactum_cli, "--db", path, "score", "S1", "--period", "2024-01", "--as-of", "2024-01-31", "--bonus",
            "10000", "--format", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    bonus = doc["bonus"]
    assert (bonus["score"], bonus["coverage"], bonus["adjustment"], bonus["reason"]) == ("70.00", "70", "-1000.00",
                                                                                       "band")
    before = dump_database(path)
    for bad in ("-1", "abc", "1e3", "99999999999999999999"):
        r = run(pactum_cli, "--db", path, "score", "S1", "--period", "2024-01", "--bonus", bad)
        assert r.returncode != 0, bad
        assert r.stderr.strip(), bad
    r = run(pactum_cli, "--db", path, "--lang", "zh-CN", "score", "S1", "--period", "2024-01", "--bonus", "-1")
    assert r.returncode != 0 and any("\u4e00" <= ch <= "\u9fff" for ch in r.stderr)
    assert dump_database(path) == before


def test_cli_contract_reassign(pactum_cli, cli_db):
    path, number = cli_db
    before = dump_database(path)
    r = run(pactum_cli, "--db", path, "contract", "reassign", number, "--to", "NOBODY", "--reason", "x", "--on",
            "2024-03-01")
    assert r.returncode != 0 and "NOBODY" in r.stderr
    r = run(pactum_cli, "--db", path, "contract", "reassign", number, "--to", "S2", "--on", "2024-03-01")
    assert r.returncode != 0
    assert dump_database(path) == before
    r = run(pactum_cli, "--db", path, "contract", "reassign", number, "--to", "S2", "--reason", "leaver",
            "--on", "2024-03-01")
    assert r.returncode == 0, r.stderr
    assert number in r.stdout and "S2" in r.stdout
    r = run(pactum_cli, "--db", path, "contract", "show", number, "--format", "json")
    assert json.loads(r.stdout)["owner"] == "S2"
    r = run(pactum_cli, "--db", path, "score", "S2", "--period", "2024-03", "--as-of", "2024-03-31")
    assert "collection_rate: 24.00 of 30" in r.stdout
