"""`pactum score EMPLOYEE` driven through the built binary (PACTUM_CLI)."""

import datetime
import json
import subprocess
from decimal import Decimal

import pytest

import pactum

D = datetime.date


def run(cli, *args):
    return subprocess.run([cli, *args], capture_output=True, text=True, timeout=60)


@pytest.fixture
def dbfile(tmp_path, pactum_cli):
    path = str(tmp_path / "score.db")
    with pactum.open(path) as db:
        db.add_department("SD", "销售部")
        db.add_employee("S1", "张三", "SD", "sales")
        db.add_employee("H1", "王五", "SD", "hr")
        c = db.create_contract(
            type="sales",
            owner="S1",
            amount=Decimal("1000000.00"),
            signed=D(2024, 1, 10),
            end=D(2024, 12, 31),
            counterparty="华东机械",
            installments=[(D(2024, 1, 31), Decimal("300000")), (D(2024, 2, 29), Decimal("700000"))],
        )
        db.activate(c, on=D(2024, 1, 10))
        db.record_payment(c, Decimal("300000.00"), D(2024, 1, 31), ref="B1")
        db.record_payment(c, Decimal("500000.00"), D(2024, 2, 20), ref="B2")
        db.advance_to(D(2024, 2, 25))
    return path


def test_text_scorecard_and_explain(pactum_cli, dbfile):
    r = run(pactum_cli, "--db", dbfile, "score", "S1", "--period", "2024-Q1", "--as-of", "2024-01-31")
    assert r.returncode == 0, r.stderr
    assert "collection_rate: 9.00 of 30 (value 0.3)" in r.stdout
    # No survey and no delivery yet: 49 points of the 70 with data, scaled.
    assert "indicators 49.00 of 70 (coverage 70: the indicators without data are left out), scaled to 70.00 of 100" in r.stdout
    assert "total 70.00 (7.000 of 10): indicators 70.00 of 100, event rules +0.00" in r.stdout
    r = run(pactum_cli, "--db", dbfile, "score", "S1", "--as-of", "2024-03-31", "--explain")
    assert r.returncode == 0, r.stderr
    assert "for 2024-Q1 (2024-01-01..2024-03-31)" in r.stdout  # the quarter of the as-of date
    assert "collection_rate: 24.00 of 30" in r.stdout
    assert "rule collection_80: +5.00" in r.stdout
    assert "hit +5.00: contract HT-2024-SD-0001, event" in r.stdout
    assert "hit -3.00: contract HT-2024-SD-0001, instalment 2 due 2024-02-29" in r.stdout
    # Without --as-of: the database clock.
    r = run(pactum_cli, "--db", dbfile, "score", "S1")
    assert "as of 2024-02-25" in r.stdout


def test_json_and_chinese(pactum_cli, dbfile):
    r = run(pactum_cli, "--db", dbfile, "score", "S1", "--period", "2024-Q1", "--as-of", "2024-02-29", "--format", "json")
    assert r.returncode == 0, r.stderr
    card = json.loads(r.stdout)
    # (signed 40 + collection 24) of the 70 points with data, scaled to 91.43;
    # then collection_80 +5 and instalment 2 short by 200,000 on its due date -3.
    assert (card["coverage"], card["indicator_points"], card["scaled_points"]) == ("70", "64.00", "91.43")
    assert card["total"] == "93.43"
    assert [r["rule"] for r in card["rules"]] == ["collection_80", "installment_overdue"]
    r = run(pactum_cli, "--db", dbfile, "--lang", "zh-CN", "score", "S1", "--period", "2024-Q1", "--as-of", "2024-02-29")
    assert "总分 93.43(9.343 / 10):指标 91.43 / 100,事件规则 +2.00" in r.stdout


def test_no_template_and_errors(pactum_cli, dbfile):
    r = run(pactum_cli, "--db", dbfile, "score", "H1", "--as-of", "2024-03-31")
    assert r.returncode == 0
    assert "no KPI template" in r.stdout
    r = run(pactum_cli, "--db", dbfile, "score", "S1", "--period", "2024-Q5")
    assert r.returncode == 1 and "PACTUM_EINVALID (-1)" in r.stderr and "2024-Q5" in r.stderr
    r = run(pactum_cli, "--db", dbfile, "score", "E9")
    assert r.returncode == 1 and "PACTUM_ENOTFOUND (-2)" in r.stderr
    r = run(pactum_cli, "--db", dbfile, "score", "S1", "--format", "xml")
    assert r.returncode == 2
    r = run(pactum_cli, "--db", dbfile, "score")
    assert r.returncode == 2
    r = run(pactum_cli, "--db", dbfile + ".missing", "score", "S1")
    assert r.returncode == 1 and "no database" in r.stderr
    r = run(pactum_cli, "score", "S1")
    assert r.returncode == 2
