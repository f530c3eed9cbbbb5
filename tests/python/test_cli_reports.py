"""`pactum report` and `pactum remind` driven through the built binary (PACTUM_CLI)."""

import csv
import datetime
import io
import json
import subprocess
from decimal import Decimal

import pytest

import pactum

D = datetime.date


def run(cli, *args):
    return subprocess.run([cli, *args], capture_output=True, text=True, timeout=120)


@pytest.fixture
def dbfile(tmp_path, pactum_cli):
    path = str(tmp_path / "reports.db")
    with pactum.open(path) as db:
        db.add_department("SD", "销售部")
        db.add_department("HR", "人力资源部")
        db.add_employee("E1", "张三", "SD", "sales", hired=D(2020, 1, 1))
        db.add_employee("E2", "李四", "SD", "sales", hired=D(2020, 1, 1))
        db.add_employee("H1", "王五", "HR", "hr", hired=D(2020, 1, 1))
        c = db.create_contract(type="sales", owner="E1", amount=Decimal("1000.00"), signed=D(2024, 1, 10),
                               end=D(2024, 4, 30), delivery_due=D(2024, 3, 15), counterparty="华东机械有限公司",
                               key_account=True,
                               installments=[(D(2024, 2, 15), Decimal("300")), (D(2024, 3, 15), Decimal("700"))])
        db.activate(c, on=D(2024, 1, 10))
        db.record_payment(c, Decimal("300.00"), D(2024, 2, 15), ref="B1")
        db.record_payment(c, Decimal("700.00"), D(2024, 3, 15), ref="B2")
        db.record_delivery(c, on=D(2024, 3, 14))
        d = db.create_contract(type="sales", owner="E2", amount=Decimal("2000.00"), signed=D(2024, 1, 20),
                               end=D(2024, 12, 31), delivery_due=D(2024, 3, 1), counterparty="华南贸易")
        db.activate(d, on=D(2024, 1, 20))
        db.advance_to(D(2024, 3, 31))
    return path


def test_report_departments_in_every_format(pactum_cli, dbfile):
    r = run(pactum_cli, "--db", dbfile, "report", "departments", "--period", "2024-Q1")
    assert r.returncode == 0, r.stderr
    assert "Departments: execution rate and average score, 2024-Q1 (2024-01-01..2024-03-31), as of 2024-03-31" in r.stdout
    j = run(pactum_cli, "--db", dbfile, "report", "departments", "--format", "json")
    doc = json.loads(j.stdout)
    sd = [row for row in doc["departments"] if row["department"] == "SD"][0]
    assert (sd["contracts_due"], sd["executed"], sd["execution_rate"]) == (2, 1, "0.500000")
    hr = [row for row in doc["departments"] if row["department"] == "HR"][0]
    assert hr["execution_rate"] is None and hr["average_score"] is None
    c = run(pactum_cli, "--db", dbfile, "report", "departments", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(c.stdout)))
    assert [row["department"] for row in rows] == ["HR", "SD"]
    zh = run(pactum_cli, "--db", dbfile, "--lang", "zh-CN", "report", "departments")
    assert "部门合同执行率与平均绩效" in zh.stdout


def test_report_employees_and_forecast(pactum_cli, dbfile):
    e = run(pactum_cli, "--db", dbfile, "report", "employees", "--as-of", "2024-03-31", "--department", "SD",
            "--format", "json")
    assert e.returncode == 0, e.stderr
    doc = json.loads(e.stdout)
    assert [row["employee"] for row in doc["employees"]] == ["E1", "E2"]
    assert doc["employees"][1]["signed_rank"] == 1 and doc["employees"][1]["collection_rate"] == "0.000000"
    f = run(pactum_cli, "--db", dbfile, "report", "forecast", "--as-of", "2024-03-31", "--months", "1")
    assert f.returncode == 0, f.stderr
    assert "1 contract(s) end by 2024-04-30, 1 of them key accounts" in f.stdout
    assert "1 receivable(s) to collect: collected below 0.5" in f.stdout
    s = run(pactum_cli, "--db", dbfile, "report", "forecast", "--format", "csv", "--section", "under_collected")
    rows = list(csv.DictReader(io.StringIO(s.stdout)))
    assert [(row["counterparty"], row["outstanding"]) for row in rows] == [("华南贸易", "2000.00")]


def test_remind_lists_and_acknowledges(pactum_cli, dbfile):
    r = run(pactum_cli, "--db", dbfile, "remind", "--format", "json")
    assert r.returncode == 0, r.stderr
    ids = [x["id"] for x in json.loads(r.stdout)["reminders"]]
    assert ids == ["payment_overdue:2:1:2024-03-01", "delivery_late:2:2024-03-01", "expiry:1:2024-04-30"]
    ack = run(pactum_cli, "--db", dbfile, "remind", "--ack", ids[1], ids[2], "--by", "王五")
    assert ack.returncode == 0, ack.stderr
    assert f"acknowledged {ids[1]} on 2024-03-31" in ack.stdout
    again = run(pactum_cli, "--db", dbfile, "remind", "--format", "json")
    assert [x["id"] for x in json.loads(again.stdout)["reminders"]] == ids[:1]
    text = run(pactum_cli, "--db", dbfile, "--lang", "zh-CN", "remind", "--as-of", "2024-04-01")
    assert "共 1 条提醒" in text.stdout


def test_refusals(pactum_cli, dbfile):
    before = run(pactum_cli, "--db", dbfile, "remind", "--format", "csv").stdout
    bad = run(pactum_cli, "--db", dbfile, "remind", "--ack", "payment_overdue:2:1:2024-03-01", "expiry:1:2099-01-01")
    assert bad.returncode == 1
    assert "PACTUM_ENOTFOUND" in bad.stderr
    assert run(pactum_cli, "--db", dbfile, "remind", "--format", "csv").stdout == before  # all or nothing
    assert run(pactum_cli, "--db", dbfile, "remind", "--ack", "nonsense").returncode == 1
    assert run(pactum_cli, "--db", dbfile, "report", "forecast", "--period", "2024-Q1").returncode == 2
    assert run(pactum_cli, "--db", dbfile, "report", "departments", "--format", "xml").returncode == 2
    assert run(pactum_cli, "--db", dbfile, "report", "departments", "--months", "2").returncode == 2
    assert run(pactum_cli, "--db", dbfile, "report", "forecast", "--section", "all").returncode == 2
    assert run(pactum_cli, "--db", dbfile, "report", "forecast", "--months", "x").returncode == 2
    assert run(pactum_cli, "--db", dbfile, "report", "weekly").returncode == 2
    assert run(pactum_cli, "--db", dbfile, "report", "departments", "--period", "2024-Q5").returncode == 1
    assert run(pactum_cli, "report", "departments").returncode == 2
    missing = run(pactum_cli, "--db", dbfile + ".nope", "remind")
    assert missing.returncode == 1 and "no database at" in missing.stderr


def test_forecast_csv_of_the_payables(pactum_cli, tmp_path):
    path = str(tmp_path / "payables.db")
    with pactum.open(path) as db:
        db.add_department("PD", "采购部")
        db.add_employee("P1", "赵六", "PD", "procurement")
        c = db.create_contract(type="procurement", owner="P1", amount=Decimal("5000.00"), signed=D(2024, 1, 10),
                               end=D(2024, 12, 31), counterparty="精工轴承",
                               installments=[(D(2024, 4, 15), Decimal("5000.00"))])
        db.activate(c, on=D(2024, 1, 10))
    s = run(pactum_cli, "--db", path, "report", "forecast", "--as-of", "2024-03-31", "--format", "csv",
            "--section", "payables")
    assert s.returncode == 0, s.stderr
    rows = list(csv.DictReader(io.StringIO(s.stdout)))
    assert [(row["counterparty"], row["outstanding"]) for row in rows] == [("精工轴承", "5000.00")]
    receivables = run(pactum_cli, "--db", path, "report", "forecast", "--as-of", "2024-03-31", "--format", "csv",
                      "--section", "under_collected")
    assert list(csv.DictReader(io.StringIO(receivables.stdout))) == []
