"""Every `pactum` command: `init`, `pay`, `deliver` and `report --format html`
end to end, and for each of the twelve commands error paths that exit with
the documented status (1: refused, with the code on stderr; 2: a wrong
command line), say why on stderr (in English or Chinese) and leave the
database exactly as it was: a logical dump before and after.

The other success paths are in test_cli_number.py, test_contracts.py,
test_approval_cli.py, test_routing_cli.py, test_cli_score.py,
test_cli_reports.py, test_import.py and test_demo.py."""

import datetime
import json
import os
import subprocess
from decimal import Decimal

import pytest

import pactum
from conftest import dump_database, run_cli
from test_report_html import loads_nothing, parse

D = datetime.date
NUMBER = "HT-2024-SD-0001"


@pytest.fixture
def company(tmp_path):
    """A sales contract of 1,000.00 CNY (300.00 due 2024-02-15, 700.00 due
    2024-03-15, delivery due 2024-03-15), one payment, the clock at 2024-02-20."""
    path = str(tmp_path / "company.db")
    with pactum.open(path) as db:
        db.add_department("SD", "销售部")
        db.add_employee("E1", "张三", "SD", "sales", hired=D(2020, 1, 1))
        db.add_employee("E2", "李四", "SD", "sales", hired=D(2020, 1, 1))
        c = db.create_contract(type="sales", owner="E1", amount=Decimal("1000.00"), signed=D(2024, 1, 10),
                               end=D(2024, 12, 31), delivery_due=D(2024, 3, 15), counterparty="华东机械",
                               installments=[(D(2024, 2, 15), Decimal("300")), (D(2024, 3, 15), Decimal("700"))])
        assert c.number == NUMBER
        db.activate(c, on=D(2024, 1, 10))
        db.record_payment(c, Decimal("100.00"), D(2024, 1, 31), ref="B1")
        db.advance_to(D(2024, 2, 20))
        # The reminders' tracking index is derived state that the first
        # reader brings up to date; bring it now, so that a dump taken before
        # a refused command is the state any reader sees.
        db.catch_up_tracking()
    return path


def next_seq(path):
    with pactum.open(path) as db:
        return db.last_event_seq() + 1


def test_init_creates_and_describes(pactum_cli, tmp_path):
    path = str(tmp_path / "new.db")
    r = run_cli(pactum_cli, "--db", path, "init")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"created {path}: schema version ") and r.stdout.endswith("reporting currency CNY\n")
    with pactum.open(path) as db:
        assert db.reporting_currency == "CNY"
        assert db.find_contracts() == []
    before = dump_database(path)
    r = run_cli(pactum_cli, "--db", path, "init")
    assert r.returncode == 0 and r.stdout.startswith(f"{path} is a Pactum database: schema version ")
    assert dump_database(path) == before
    usd = str(tmp_path / "usd.db")
    r = run_cli(pactum_cli, "--lang", "zh-CN", "--db", usd, "init", "--currency", "USD")
    assert r.returncode == 0 and f"已创建 {usd}" in r.stdout and "记账本位币 USD" in r.stdout
    with pactum.open(usd) as db:
        assert db.reporting_currency == "USD"


def test_init_leaves_other_files_alone(pactum_cli, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("keep me\n")
    r = run_cli(pactum_cli, "--db", str(notes), "init")
    assert r.returncode == 1
    assert r.stderr == f"pactum: PACTUM_ECONFLICT (-3): {notes} exists and is not a Pactum database; init leaves it alone\n"
    assert notes.read_text() == "keep me\n"
    # Another program's SQLite database.
    other = tmp_path / "other.db"
    import sqlite3

    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (a)")
    con.execute("INSERT INTO t VALUES (1)")
    con.commit()
    con.close()
    before = dump_database(str(other))
    r = run_cli(pactum_cli, "--lang", "zh-CN", "--db", str(other), "init")
    assert r.returncode == 1 and "PACTUM_ECONFLICT (-3)" in r.stderr and "不是 Pactum 数据库" in r.stderr
    assert dump_database(str(other)) == before
    # A bad currency is refused before a file is made.
    r = run_cli(pactum_cli, "--db", str(tmp_path / "x.db"), "init", "--currency", "XYZ")
    assert r.returncode == 1 and "PACTUM_EINVALID (-1): unknown currency code 'XYZ'" in r.stderr
    assert not (tmp_path / "x.db").exists()


def test_pay_records_repeats_and_reverses(pactum_cli, company):
    seq = next_seq(company)
    r = run_cli(pactum_cli, "--db", company, "pay", NUMBER, "200.00", "--ref", "B2", "--on", "2024-02-15")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        f"{NUMBER}: payment finance:B2 of 200.00 CNY on 2024-02-15 (event {seq})",
        "  as of 2024-02-20: collected 300.00 of 1000.00 CNY (30.00%), 0 instalment(s) overdue",
    ]
    # The same payment again (a retry) changes nothing.
    before = dump_database(company)
    r = run_cli(pactum_cli, "--db", company, "pay", NUMBER, "200.00", "--ref", "B2", "--on", "2024-02-15")
    assert r.returncode == 0 and "(already recorded: nothing changed)" in r.stdout
    assert dump_database(company) == before
    # By id, as JSON, dated by the database clock.
    r = run_cli(pactum_cli, "--db", company, "pay", "1", "50", "--ref", "B3", "--format", "json")
    assert r.returncode == 0, r.stderr
    event = json.loads(r.stdout)
    assert (event["type"], event["amount"], event["effective"], event["key"]) == ("payment_received", "50.00", "2024-02-20", "B3")
    r = run_cli(pactum_cli, "--db", company, "pay", "--reverse", "B3")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"{NUMBER}: payment finance:B3 reversed on 2024-02-20, -50.00 CNY")
    # Over-payment only when allowed.
    r = run_cli(pactum_cli, "--db", company, "pay", NUMBER, "800.00", "--ref", "B4", "--allow-overpayment")
    assert r.returncode == 0, r.stderr
    with pactum.open(company) as db:
        assert db.contract(NUMBER).collected == Decimal("1100.00")


def test_deliver_early_late_refused_and_idempotent(pactum_cli, company):
    seq = next_seq(company)
    r = run_cli(pactum_cli, "--db", company, "deliver", NUMBER, "--on", "2024-03-10", "--key", "D1")
    assert r.returncode == 0, r.stderr
    assert r.stdout == f"{NUMBER}: delivered on 2024-03-10, 5 day(s) before the due date 2024-03-15 (event {seq})\n"
    before = dump_database(company)
    r = run_cli(pactum_cli, "--db", company, "deliver", NUMBER, "--on", "2024-03-10", "--key", "D1")
    assert r.returncode == 0 and r.stdout.endswith("(already recorded: nothing changed)\n")
    assert dump_database(company) == before
    r = run_cli(pactum_cli, "--db", company, "deliver", "1", "--on", "2024-03-18", "--refused", "--note", "划痕",
                "--format", "json")
    assert r.returncode == 0, r.stderr
    assert (json.loads(r.stdout)["type"], json.loads(r.stdout)["value"]) == ("delivered", 0)
    r = run_cli(pactum_cli, "--db", company, "--lang", "zh-CN", "deliver", NUMBER, "--on", "2024-03-20")
    assert r.returncode == 0 and "比约定日期 2024-03-15 延迟 5 天" in r.stdout


def test_record_takes_any_fact_of_the_event_document(pactum_cli, company):
    seq = next_seq(company)
    doc = json.dumps({"version": 1, "type": "breach", "contract": NUMBER, "on": "2024-03-01", "reason": "交付延误",
                      "key": "BR-1"}, ensure_ascii=False)
    r = run_cli(pactum_cli, "--db", company, "record", doc)
    assert r.returncode == 0, r.stderr
    assert r.stdout == f"{NUMBER}: breach on 2024-03-01 (event {seq})\n"
    with pactum.open(company) as db:
        assert db.contract(NUMBER).status == "breached"
    before = dump_database(company)
    r = run_cli(pactum_cli, "--db", company, "record", doc)
    assert r.returncode == 0 and r.stdout.endswith("(already recorded: nothing changed)\n")
    assert dump_database(company) == before
    # From standard input, as JSON.
    r = subprocess.run([pactum_cli, "--db", company, "record", "-", "--format", "json"], capture_output=True, text=True,
                       input='{"version":1,"type":"dispute","contract":1,"on":"2024-03-02"}', timeout=60)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["type"] == "dispute"
    r = run_cli(pactum_cli, "--db", company, "--lang", "zh-CN", "record",
                '{"version":1,"type":"satisfaction","contract":1,"on":"2024-03-03","score":90}')
    assert r.returncode == 0 and "记录 satisfaction" in r.stdout


def test_report_html_is_one_page(pactum_cli, company):
    r = run_cli(pactum_cli, "--db", company, "report", "all", "--format", "html", "--period", "2024-Q1",
                "--as-of", "2024-02-20")
    assert r.returncode == 0, r.stderr
    p = parse(r.stdout)
    assert [a["id"] for t, a in p.tags if t == "svg"] == [
        "chart-departments", "chart-scores", "chart-collections", "chart-installments"]
    assert "ranking" in [a.get("class") for t, a in p.tags if t == "table"]
    loads_nothing(r.stdout, p)
    with pactum.open(company) as db:
        assert db.report_html("2024-Q1", as_of=D(2024, 2, 20)) == r.stdout
    # One report, in Chinese.
    r = run_cli(pactum_cli, "--db", company, "--lang", "zh-CN", "report", "employees", "--format", "html")
    assert r.returncode == 0, r.stderr
    p = parse(r.stdout)
    assert p.tags[0] == ("html", {"lang": "zh-CN"})
    assert [a["id"] for t, a in p.tags if t == "svg"] == ["chart-scores"]


def test_export_reads_only(pactum_cli, company, tmp_path):
    before = dump_database(company)
    r = run_cli(pactum_cli, "--db", company, "export", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr
    assert dump_database(company) == before
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest and (tmp_path / "out" / "contracts.jsonl").exists()


# Each case: the command line after --db, the exit status, and what stderr
# says (the code and the message). {tmp} is the test's directory.
REFUSALS = [
    # init
    (["init", "--currency", "USD"], 1, "PACTUM_ECONFLICT (-3): the database's reporting currency is CNY, not USD"),
    (["init", "extra"], 2, "unexpected argument 'extra'"),
    # import
    (["import", "payments", "{tmp}/bad.csv"], 1, "PACTUM_ENOTFOUND (-2): line 3, column 'contract': unknown contract HT-NOPE"),
    (["import", "payments", "{tmp}/missing.csv"], 1, "PACTUM_ENOTFOUND (-2)"),
    (["import", "invoices", "{tmp}/bad.csv"], 1, "PACTUM_EINVALID (-1)"),
    (["import", "payments"], 2, "usage"),
    # number
    (["number", "issue", "NOPE"], 1, "PACTUM_ENOTFOUND (-2): no numbering rule 'NOPE'"),
    (["number", "define", "r", "{seq:4"], 1, "PACTUM_EPATTERN (-14)"),
    # contract
    (["contract", "show", "HT-NOPE"], 1, "PACTUM_ENOTFOUND (-2): unknown contract HT-NOPE"),
    (["contract", "list", "--status", "sleeping"], 1, "PACTUM_EINVALID (-1)"),
    (["contract", "list", "--format", "xml"], 2, "xml"),
    # route
    (["route", "approve", NUMBER, "--by", "E2"], 1, "PACTUM_ESTATE (-4): contract HT-2024-SD-0001 has never been submitted"),
    (["route", "submit", "HT-NOPE", "--by", "E1"], 1, "PACTUM_ENOTFOUND (-2): unknown contract HT-NOPE"),
    (["route", "submit", NUMBER], 2, "--by"),
    # pay
    (["pay", NUMBER, "150.00", "--ref", "B1", "--on", "2024-01-31"], 1,
     "PACTUM_ECONFLICT (-3): key 'B1' of source 'finance' was already used by event 3"),
    (["pay", NUMBER, "-5", "--ref", "B9"], 1, "PACTUM_EINVALID (-1): a payment must be positive, got -5.00"),
    (["pay", NUMBER, "5000", "--ref", "B9"], 1, "PACTUM_EINVALID (-1): the payment of 5000.00 CNY exceeds the 900.00 CNY outstanding"),
    (["pay", NUMBER, "99999999999999999999", "--ref", "B9"], 1, "PACTUM_EOVERFLOW (-9)"),
    (["pay", NUMBER, "1e3", "--ref", "B9"], 1, "PACTUM_EINVALID (-1)"),
    (["pay", NUMBER, "5", "--ref", "B9", "--currency", "USD"], 1, "PACTUM_ECURRENCY (-10): contract HT-2024-SD-0001 is in CNY, not USD"),
    (["pay", "HT-NOPE", "5", "--ref", "B9"], 1, "PACTUM_ENOTFOUND (-2): unknown contract HT-NOPE"),
    (["pay", NUMBER, "5", "--ref", "B9", "--on", "2024-02-30"], 1, "PACTUM_EINVALID (-1): '2024-02-30' is not a valid date"),
    (["pay", "--reverse", "NOPE"], 1, "PACTUM_ENOTFOUND (-2): no payment with ref 'NOPE' from source 'finance'"),
    (["pay", NUMBER, "5"], 2, "pay needs --ref REF"),
    (["pay", NUMBER, "5", "--ref", "B9", "--format", "csv"], 2, "--format is text or json, not 'csv'"),
    (["pay", "--reverse", "B1", "--ref", "B2"], 2, "usage: pactum --db FILE pay"),
    # deliver
    (["deliver", "HT-NOPE"], 1, "PACTUM_ENOTFOUND (-2): unknown contract HT-NOPE"),
    (["deliver", NUMBER, "--on", "2023-12-31"], 1,
     "PACTUM_EINVALID (-1): delivered on 2023-12-31 is before the signing date 2024-01-10 of contract HT-2024-SD-0001"),
    (["deliver", NUMBER, "--on", "2024-13-01"], 1, "PACTUM_EINVALID (-1): '2024-13-01' is not a valid date"),
    (["deliver"], 2, "usage: pactum --db FILE deliver CONTRACT"),
    (["deliver", NUMBER, "--format", "xml"], 2, "--format is text or json, not 'xml'"),
    (["deliver", NUMBER, "--late"], 2, "--late"),
    # record
    (["record", '{"version":1,"type":"activated","contract":1}'], 1,
     "PACTUM_EINVALID (-1): events of type activated are not recorded from JSON"),
    (["record", '{"version":1,"type":"breach","contract":"HT-NOPE"}'], 1, "PACTUM_ENOTFOUND (-2): unknown contract HT-NOPE"),
    (["record", "{oops"], 1, "PACTUM_EINVALID (-1)"),
    (["record"], 2, "usage: pactum --db FILE record DOCUMENT"),
    (["record", "{}", "{}"], 2, "{}"),
    (["record", "{}", "--format", "xml"], 2, "--format is text or json, not 'xml'"),
    # score
    (["score", "E9"], 1, "PACTUM_ENOTFOUND (-2): unknown employee 'E9'"),
    (["score", "E1", "--period", "2024-Q5"], 1, "PACTUM_EINVALID (-1)"),
    (["score", "E1", "--format", "xml"], 2, "xml"),
    # report
    (["report", "employees", "--department", "XX"], 1, "PACTUM_ENOTFOUND (-2): unknown department 'XX'"),
    (["report", "departments", "--format", "html", "--as-of", "2024-02-30"], 1, "PACTUM_EINVALID (-1): '2024-02-30'"),
    (["report", "all", "--format", "html", "--period", "2024-Q5"], 1, "PACTUM_EINVALID (-1)"),
    (["report", "employees", "--format", "html", "--section", "expiring"], 2, "--section does not apply to the html report"),
    (["report", "all", "--format", "csv"], 2, "csv"),
    # remind
    (["remind", "--ack", "nonsense"], 1, "PACTUM_EINVALID (-1): 'nonsense' is not a reminder id"),
    (["remind", "--as-of", "2024-02-30"], 1, "PACTUM_EINVALID (-1)"),
    (["remind", "--format", "xml"], 2, "xml"),
    # export
    (["export", "{tmp}/bad.csv/sub"], 1, "PACTUM_ESTORAGE (-5): cannot write"),
    (["export"], 2, "usage"),
    # demo: never over a database that is not a demo database
    (["demo"], 1, "PACTUM_ECONFLICT (-3): {db} exists and is not a Pactum demo database"),
    (["demo", "--seed", "twelve"], 2, "--seed needs a whole number"),
]


@pytest.mark.parametrize("args,status,message", REFUSALS, ids=lambda v: " ".join(v) if isinstance(v, list) else None)
def test_refusals_exit_with_their_status_and_change_nothing(pactum_cli, company, tmp_path, args, status, message):
    (tmp_path / "bad.csv").write_text(
        f"contract,amount,date,ref\n{NUMBER},10.00,2024-02-01,P1\nHT-NOPE,10.00,2024-02-01,P2\n", encoding="utf-8")
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    before = dump_database(company)
    r = run_cli(pactum_cli, "--db", company, *args)
    assert r.returncode == status, r.stderr
    assert r.stderr.startswith("pactum: ")
    assert message.replace("{db}", company) in r.stderr
    if status == 2:
        assert "see 'pactum --help'" in r.stderr
    assert r.stdout == ""
    assert dump_database(company) == before
    assert not (tmp_path / "out").exists()


def test_refusals_in_chinese(pactum_cli, company):
    before = dump_database(company)
    for args, message in [
        (["pay", "HT-NOPE", "5", "--ref", "B9"], "PACTUM_ENOTFOUND (-2): 未知合同 HT-NOPE"),
        (["deliver", "HT-NOPE"], "PACTUM_ENOTFOUND (-2): 未知合同 HT-NOPE"),
        (["init", "--currency", "USD"], "PACTUM_ECONFLICT (-3)"),
        (["demo"], "PACTUM_ECONFLICT (-3)"),
    ]:
        r = run_cli(pactum_cli, "--lang", "zh-CN", "--db", company, *args)
        assert r.returncode == 1 and message in r.stderr, r.stderr
        assert any("\u4e00" <= ch <= "\u9fff" for ch in r.stderr.split(")", 1)[1]), r.stderr
    assert dump_database(company) == before


def test_acknowledging_is_all_or_nothing(pactum_cli, company):
    r = run_cli(pactum_cli, "--db", company, "remind", "--format", "json")
    assert r.returncode == 0, r.stderr
    ids = [item["id"] for item in json.loads(r.stdout)["reminders"]]
    assert ids
    before = dump_database(company)
    r = run_cli(pactum_cli, "--db", company, "remind", "--ack", ids[0], "expiry:1:2099-01-01")
    assert r.returncode == 1 and "PACTUM_E" in r.stderr
    assert dump_database(company) == before


@pytest.mark.parametrize("command", [
    ["pay", NUMBER, "5", "--ref", "B9"], ["pay", "--reverse", "B1"], ["deliver", NUMBER], ["score", "E1"],
    ["report", "departments"], ["report", "all", "--format", "html"], ["remind"], ["contract", "list"],
    ["number", "rules"], ["route", "list"], ["export", "{tmp}/out"],
])
def test_commands_on_a_missing_database_create_nothing(pactum_cli, tmp_path, command):
    path = tmp_path / "missing.db"
    r = run_cli(pactum_cli, "--db", str(path), *[a.replace("{tmp}", str(tmp_path)) for a in command])
    assert r.returncode == 1
    assert "PACTUM_ENOTFOUND (-2)" in r.stderr and "no database at" in r.stderr
    assert not path.exists() and not (tmp_path / "out").exists()
    # Without --db at all: a usage error.
    r = run_cli(pactum_cli, *[a.replace("{tmp}", str(tmp_path)) for a in command])
    assert r.returncode == 2 and "--db" in r.stderr
    assert os.listdir(tmp_path) == []
