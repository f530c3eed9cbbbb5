"""Issue 17 from Python and the command line: the outcome-unknown error, one
thread per transaction, owner-only files, reports that never land on the
database, exports replaced as a whole, and an error model that stays an error
model (1e999, cut UTF-8, endless inputs, the ends of the calendar)."""

import datetime
import json
import os
import stat
import subprocess
import threading
from decimal import Decimal

import pytest

import pactum
from conftest import dump_database, run_cli

D = datetime.date


def company(db):
    db.add_department("SD", "销售部")
    db.add_employee("E1", "张三", "SD", "sales")
    c = db.create_contract(
        type="sales", owner="E1", amount=Decimal("1000000.00"), signed=D(2024, 1, 10), counterparty="华东机械",
        external_id="ERP-1",
    )
    db.activate(c, on=D(2024, 1, 10))
    return c


def mode_of(path):
    return stat.S_IMODE(os.lstat(path).st_mode)


def test_outcome_unknown_is_a_storage_error_with_its_own_code():
    assert pactum.ERROR_CODES["PACTUM_EOUTCOME"] == -19
    assert issubclass(pactum.OutcomeUnknownError, pactum.StorageError)
    assert pactum.error_class_for_code(-19) is pactum.OutcomeUnknownError
    assert pactum.error_class_for_code(-5) is pactum.StorageError


def test_the_external_id_makes_a_retried_creation_safe(tmp_path):
    with pactum.open(str(tmp_path / "a.db")) as db:
        first = company(db)
        again = db.create_contract(
            type="sales", owner="E1", amount=Decimal("1000000.00"), signed=D(2024, 1, 10), counterparty="华东机械",
            external_id="ERP-1",
        )
        assert again.id == first.id
        assert len(db.find_contracts(external_id="ERP-1")) == 1


def test_another_threads_call_is_refused_while_a_transaction_is_open():
    db = pactum.open(":memory:")
    c = company(db)
    seen = {}

    def other():
        try:
            db.record_payment(c, Decimal("200.00"), on=D(2024, 2, 1), ref="B-1")
            seen["b"] = "recorded"
        except pactum.StateError as e:
            seen["b"] = e.key

    with pytest.raises(RuntimeError):
        with db.transaction():
            db.record_payment(c, Decimal("100.00"), on=D(2024, 2, 1), ref="A-1")
            t = threading.Thread(target=other)
            t.start()
            t.join()
            raise RuntimeError("roll back")
    assert seen["b"] == "store.other_thread"
    assert db.execution(c)["collected"] == Decimal("0.00")  # B was told it failed, and nothing is lost
    t = threading.Thread(target=other)
    t.start()
    t.join()
    assert seen["b"] == "recorded"
    assert db.execution(c)["collected"] == Decimal("200.00")


def test_files_are_owner_only_unless_asked(tmp_path):
    old = os.umask(0o022)
    try:
        path = str(tmp_path / "hr.db")
        with pactum.open(path) as db:
            company(db)
            db.export(str(tmp_path / "export"))
            assert mode_of(path) == 0o600
            assert mode_of(path + "-wal") == 0o600
            assert mode_of(path + "-shm") == 0o600
        assert mode_of(str(tmp_path / "export")) == 0o700
        assert mode_of(str(tmp_path / "export" / "events.jsonl")) == 0o600
        with pactum.open(str(tmp_path / "team.db"), file_mode=0o640) as db:
            company(db)
        assert mode_of(str(tmp_path / "team.db")) == 0o640
        with pytest.raises(pactum.ValidationError):
            pactum.open(str(tmp_path / "bad.db"), file_mode=0o444)
    finally:
        os.umask(old)


def test_a_report_over_the_database_or_the_input_is_refused(tmp_path):
    path = str(tmp_path / "hr.db")
    db = pactum.open(path)
    company(db)
    data = tmp_path / "pay.csv"
    data.write_text("contract,amount,date,ref\n", encoding="utf-8")
    before = dump_database(path)
    for target in (path, path + "-wal", path + "-shm", str(data)):
        with pytest.raises(pactum.ValidationError) as info:
            db.import_file("payments", str(data), report=target)
        assert info.value.key in ("io.output_is_database", "io.output_is_input")
    assert dump_database(path) == before
    assert data.read_text(encoding="utf-8") == "contract,amount,date,ref\n"


def test_an_import_refused_at_its_header_writes_its_report(tmp_path):
    db = pactum.open(":memory:")
    company(db)
    report = tmp_path / "report.json"
    report.write_text('{"committed": true}', encoding="utf-8")  # a stale report of an earlier run
    data = tmp_path / "pay.csv"
    data.write_text("contract,amount,date,reference\nX,1.00,2024-02-01,R\n", encoding="utf-8")
    with pytest.raises(pactum.ValidationError):
        db.import_file("payments", str(data), report=str(report))
    written = json.loads(report.read_text(encoding="utf-8"))
    assert written["committed"] is False
    assert written["errors"][0]["key"] == "io.unknown_column"
    assert written["errors"][0]["line"] == 1
    assert written["errors"][0]["column"] == "reference"


def test_an_endless_input_is_refused_at_once(tmp_path):
    db = pactum.open(":memory:")
    with pytest.raises(pactum.ValidationError) as info:
        db.import_file("payments", "/dev/zero", format="csv")
    assert info.value.key == "io.not_regular_file"
    big = tmp_path / "big.csv"
    big.write_text("contract,amount,date,ref\n" + "X,1.00,2024-02-01,R\n" * 100, encoding="utf-8")
    with pytest.raises(pactum.ValidationError) as info:
        db.import_file("payments", str(big), max_bytes=1000)
    assert info.value.key == "io.input_too_large"


def test_numbers_beyond_the_double_range_are_validation_errors():
    db = pactum.open(":memory:")
    table = '{"id": "t", "version": 1, "hit_policy": "FIRST", "inputs": [{"name": "amount", "type": "money"}], ' \
            '"rules": [{"id": "r", "when": {"amount": "-"}, "route": [{"role": "x", "deadline_days": 1e999}]}]}'
    with pytest.raises(pactum.ValidationError) as info:
        db.load_routing(table)
    assert info.value.key == "core.json_number_range"
    with pytest.raises(pactum.ValidationError) as info:
        db.define_template('{"id": "t", "indicators": [{"name": "signed_amount", "weight": 1e999}]}')
    assert info.value.key == "core.json_number_range"
    assert "json.exception" not in str(info.value)


def test_messages_of_a_line_cut_inside_chinese_text_stay_pactum_errors(tmp_path):
    db = pactum.open(":memory:")
    c = company(db)
    data = tmp_path / "pay.jsonl"
    good = json.dumps({"contract": c.number, "amount": "1.00", "date": "2024-02-01", "ref": "R1"}, ensure_ascii=False)
    cut = ('{"contract": "' + c.number + '", "amount": "1.00", "date": "2024-02-01", "ref": "合同').encode("utf-8")[:-1]
    bad_json = '{"contract": "合同", "amount": 1.00 2.00}'.encode("utf-8")
    data.write_bytes(good.encode("utf-8") + b"\n" + cut + b"\n" + bad_json + b"\n")
    report = db.import_file("payments", str(data), mode="skip")
    assert report["applied"] == 1
    assert [e["line"] for e in report["errors"]] == [2, 3]
    for e in report["errors"]:
        assert isinstance(e["message"], str)
        assert "json.exception" not in e["message"]
    with pytest.raises(pactum.ValidationError) as info:
        db.import_file("payments", str(data))
    assert "line 2" in str(info.value)


def test_the_last_day_of_the_calendar_is_usable():
    db = pactum.open(":memory:")
    company(db)
    db.reminders(as_of=D(9999, 12, 31))
    db.scorecard("E1", period="9999", as_of=D(9999, 12, 31))
    db.report_departments("9999-Q4")
    db.forecast(as_of=D(9999, 12, 31))


def test_cli_refuses_a_report_over_the_database(pactum_cli, tmp_path):
    path = str(tmp_path / "hr.db")
    db = pactum.open(path)
    company(db)
    db.close()
    data = tmp_path / "pay.csv"
    data.write_text("contract,amount,date,ref\n", encoding="utf-8")
    before = dump_database(path)
    r = run_cli(pactum_cli, "--db", path, "import", "payments", str(data), "--report", path)
    assert r.returncode == 1
    assert "PACTUM_EINVALID" in r.stderr
    assert dump_database(path) == before
    with pactum.open(path) as again:
        assert len(again.find_contracts()) == 1


def test_cli_keeps_the_error_model_for_1e999_and_raw_bytes(pactum_cli, tmp_path):
    table = tmp_path / "table.json"
    table.write_text('{"id": "t", "version": 1e999}', encoding="utf-8")
    r = run_cli(pactum_cli, "route", "check", str(table))
    assert r.returncode == 1
    assert "PACTUM_EINVALID" in r.stderr
    assert "PACTUM_EINTERNAL" not in r.stderr
    path = str(tmp_path / "hr.db")
    with pactum.open(path) as db:
        company(db)
    raw = subprocess.run([pactum_cli, "--db", path, "score", "E1", "--period", b"2024-\xff\xfe"],
                         capture_output=True, timeout=60)
    assert raw.returncode != 0
    raw.stderr.decode("utf-8")  # valid UTF-8: no cut or raw byte is printed
