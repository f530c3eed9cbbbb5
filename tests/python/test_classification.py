"""Classification of employees from Python and the command line: the default
table, loading and versioning tables, position groups, and the classes the
employee report gives (docs/reports.md, "Classification")."""

import datetime
import json
import subprocess
from decimal import Decimal

import pytest

import pactum
from conftest import dump_database

D = datetime.date


@pytest.fixture
def path(tmp_path):
    return str(tmp_path / "classes.db")


@pytest.fixture
def db(path):
    with pactum.open(path) as handle:
        yield handle


def sign(db, owner, amount, paid, number_of=[0]):
    """A sales contract of `owner` signed in January, `paid` of it collected by March."""
    c = db.create_contract(type="sales", owner=owner, amount=Decimal(amount), signed=D(2024, 1, 10),
                           end=D(2024, 12, 31), counterparty="华东机械有限公司")
    db.activate(c, on=D(2024, 1, 10))
    if paid:
        number_of[0] += 1
        db.record_payment(c, Decimal(paid), D(2024, 3, 1), ref=f"B{number_of[0]}")
    return c


def test_the_default_table_is_checked_and_stored(db):
    current = db.classification_table()
    assert pactum.default_classification_table() == current
    assert current["id"] == "default"
    assert current["outputs"] == ["class", "action"]
    ids = [r["id"] for r in current["rules"]]
    assert "promote" in ids and "coach-signing-and-execution" in ids
    assert db.check_classification(current) == []
    assert db.classification_tables() == [{"id": "default", "version": 1, "current": True}]


def test_tables_are_versioned_and_refusals_change_nothing(db, path):
    table = db.classification_table()
    v2 = dict(table, version=2, description="version two")
    db.load_classification(v2)
    assert db.classification_tables() == [
        {"id": "default", "version": 1, "current": False},
        {"id": "default", "version": 2, "current": True},
    ]
    # Loading a stored version again only makes it current again.
    db.load_classification(table)
    assert db.classification_table()["version"] == 1
    db.load_classification(v2)

    before = dump_database(path)
    with pytest.raises(pactum.ConflictError):
        db.load_classification(dict(table, description="changed under the same version"))
    with pytest.raises(pactum.ValidationError):
        db.load_classification("{not json")
    gap = dict(v2, version=3, rules=[r for r in v2["rules"] if r["id"] != "promote"])
    assert db.check_classification(gap) != []
    with pytest.raises(pactum.ValidationError):
        db.load_classification(gap)
    with pytest.raises((pactum.ValidationError, TypeError)):
        db.load_classification(None)
    assert dump_database(path) == before


def test_position_groups(db, path):
    assert db.position_group("procurement") == "procurement"
    db.set_position_group("key_accounts", "sales")
    assert db.position_group("key_accounts") == "sales"
    assert db.position_groups() == {"key_accounts": "sales"}
    db.set_position_group("key_accounts", None)
    assert db.position_group("key_accounts") == "key_accounts"
    before = dump_database(path)
    with pytest.raises(pactum.ValidationError):
        db.set_position_group("", "sales")
    assert dump_database(path) == before


def test_classes_use_the_score_within_the_position(db):
    db.add_department("SD", "销售部")
    db.add_department("PD", "采购部")
    for i in range(1, 5):
        db.add_employee(f"S{i}", f"销售{i}", "SD", "sales", hired=D(2020, 1, 1))
    db.add_employee("P1", "采购1", "PD", "procurement", hired=D(2020, 1, 1))
    # S1 signs the most and collects it all; S4 signs little and collects nothing.
    sign(db, "S1", "1500000.00", "1500000.00")
    sign(db, "S2", "1200000.00", "300000.00")
    sign(db, "S3", "400000.00", "400000.00")
    sign(db, "S4", "200000.00", None)
    buy = db.create_contract(type="procurement", owner="P1", amount=Decimal("9000000.00"), signed=D(2024, 1, 10),
                             end=D(2024, 12, 31), counterparty="供应商")
    db.activate(buy, on=D(2024, 1, 10))
    report = db.report_employees("2024-Q1", as_of=D(2024, 3, 31))
    rows = {r["employee"]: r for r in report}
    assert report.unclassified_groups == ["procurement"]
    s1 = rows["S1"]
    assert s1["classification"] == "high_contribution_high_performance"
    assert s1["recommended_action"] == "promote"
    for row in rows.values():
        score = row["score"]
        if row["classification"] == "high_contribution_high_performance":
            assert score >= 80
        if row["recommended_action"] == "improvement_plan":
            assert score < 80
    # The buyer is not ranked on revenue: no class for procurement.
    assert rows["P1"]["classification"] is None


def run(cli, *args, input=None):
    return subprocess.run([cli, *args], capture_output=True, text=True, timeout=60, input=input)


def test_cli_classify(pactum_cli, tmp_path, path):
    with pactum.open(path):
        pass
    r = run(pactum_cli, "classify", "default")
    assert r.returncode == 0, r.stderr
    table = json.loads(r.stdout)
    assert table["id"] == "default"
    file = tmp_path / "table.json"
    file.write_text(json.dumps(dict(table, version=2)), encoding="utf-8")
    r = run(pactum_cli, "classify", "check", str(file))
    assert r.returncode == 0, r.stderr
    r = run(pactum_cli, "--db", path, "classify", "load", str(file))
    assert r.returncode == 0, r.stderr
    assert "version 2" in r.stdout
    r = run(pactum_cli, "--db", path, "classify", "list", "--format", "json")
    assert r.returncode == 0, r.stderr
    assert {"id": "default", "version": 2, "current": True} in json.loads(r.stdout)["tables"]
    r = run(pactum_cli, "--db", path, "classify", "show")
    assert json.loads(r.stdout)["version"] == 2
    r = run(pactum_cli, "--db", path, "classify", "group", "key_accounts", "sales")
    assert r.returncode == 0 and "sales" in r.stdout
    r = run(pactum_cli, "--db", path, "classify", "group", "key_accounts", "--own")
    assert r.returncode == 0

    before = dump_database(path)
    file.write_text(json.dumps(dict(table, version=2, description="changed")), encoding="utf-8")
    r = run(pactum_cli, "--db", path, "classify", "load", str(file))
    assert r.returncode != 0 and r.stderr.strip()
    file.write_text("{oops", encoding="utf-8")
    r = run(pactum_cli, "--db", path, "classify", "load", str(file))
    assert r.returncode != 0 and r.stderr.strip()
    r = run(pactum_cli, "--db", path, "--lang", "zh-CN", "classify", "load", str(file))
    assert r.returncode != 0 and any("\u4e00" <= ch <= "\u9fff" for ch in r.stderr)
    r = run(pactum_cli, "classify", "load", str(file))
    assert r.returncode != 0 and "--db" in r.stderr
    assert dump_database(path) == before
