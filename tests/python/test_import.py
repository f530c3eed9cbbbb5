"""Bulk import and export from Python, and `pactum import` / `pactum export`."""

import datetime
import json
import os
import pathlib
import pty
import subprocess
from decimal import Decimal

import pytest

import pactum

D = datetime.date


def company(db, contracts=2):
    db.add_department("SD", "销售部")
    db.add_employee("E1", "张三", "SD", "sales")
    numbers = []
    for _ in range(contracts):
        c = db.create_contract(
            type="sales", owner="E1", amount=Decimal("1000000.00"), signed=D(2024, 1, 10), counterparty="华东机械"
        )
        db.activate(c, on=D(2024, 1, 10))
        numbers.append(c.number)
    return numbers


def payments_csv(path, numbers, rows, bad=0, bad_amount="1,000.00"):
    lines = ["contract,amount,date,ref"]
    for i in range(1, rows + 1):
        amount = f'"{bad_amount}"' if i == bad else "10.00"
        lines.append(f"{numbers[i % len(numbers)]},{amount},2024-02-01,P{i:06d}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def collected(db, numbers):
    return sum((db.contract(n).collected for n in numbers), Decimal(0))


@pytest.fixture
def setup(tmp_path):
    db = pactum.open(str(tmp_path / "company.db"))
    numbers = company(db)
    yield db, numbers, tmp_path
    db.close()


def test_import_returns_the_report(setup):
    db, numbers, tmp = setup
    path = payments_csv(tmp / "p.csv", numbers, 2500)
    report = db.import_file("payments", path)  # a pathlib.Path works
    assert report == {
        "kind": "payments",
        "mode": "all",
        "format": "csv",
        "rows": 2500,
        "applied": 2500,
        "unchanged": 0,
        "skipped": 0,
        "committed": True,
        "errors": [],
    }
    assert collected(db, numbers) == Decimal("25000.00")
    again = db.import_file("payments", str(path))
    assert (again["applied"], again["unchanged"]) == (0, 2500)
    assert collected(db, numbers) == Decimal("25000.00")
    assert "payments" in pactum.IMPORT_KINDS and len(pactum.IMPORT_KINDS) == 7


def test_a_bad_row_refuses_the_file_naming_its_line(setup):
    db, numbers, tmp = setup
    path = payments_csv(tmp / "p.csv", numbers, 3000, bad=1500)
    seq = db.last_event_seq()
    with pytest.raises(pactum.ValidationError) as info:
        db.import_file("payments", path)
    assert str(info.value).startswith("line 1501, column 'amount': '1,000.00' is not a valid amount")
    assert info.value.code == pactum.ERROR_CODES["PACTUM_EINVALID"]
    assert info.value.key == "io.bad_row"
    assert db.last_event_seq() == seq

    report = db.import_file("payments", path, mode="skip", report=tmp / "report.json")
    assert (report["applied"], report["skipped"]) == (2999, 1)
    assert report["errors"] == [
        {
            "line": 1501,
            "column": "amount",
            "code": -1,
            "error": "PACTUM_EINVALID",
            "key": "core.bad_amount",
            "message": "'1,000.00' is not a valid amount (plain decimal such as 1000.00)",
        }
    ]
    written = json.loads((tmp / "report.json").read_text(encoding="utf-8"))
    assert written["errors"][0]["line"] == 1501 and written["committed"] is True


def test_progress_and_cancellation(setup):
    db, numbers, tmp = setup
    path = payments_csv(tmp / "p.csv", numbers, 3500)
    seq = db.last_event_seq()
    calls = []

    class Stop(Exception):
        pass

    def stop_half_way(done, total):
        calls.append((done, total))
        if done * 2 >= total:
            raise Stop(done)

    # Raising cancels: everything is rolled back and the exception propagates.
    with pytest.raises(Stop):
        db.import_file("payments", path, progress=stop_half_way)
    assert calls == [(1000, 3500), (2000, 3500)]
    assert db.last_event_seq() == seq
    assert collected(db, numbers) == 0
    # Returning False cancels too.
    with pytest.raises(pactum.StateError) as info:
        db.import_file("payments", path, mode="skip", progress=lambda done, total: done < 2000)
    assert info.value.code == pactum.ERROR_CODES["PACTUM_ECANCELLED"]
    assert "after 2000 of 3500 rows" in str(info.value)
    assert db.last_event_seq() == seq
    with pytest.raises(TypeError):
        db.import_file("payments", path, progress=42)
    # Any other return value goes on; the last call reports the whole file.
    calls.clear()
    db.import_file("payments", path, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1000, 3500), (2000, 3500), (3000, 3500), (3500, 3500)]
    assert collected(db, numbers) == Decimal("35000.00")


def test_inside_a_transaction(setup):
    db, numbers, tmp = setup
    path = payments_csv(tmp / "p.csv", numbers, 100)
    seq = db.last_event_seq()
    with pytest.raises(RuntimeError):
        with db.transaction():
            db.import_file("payments", path)
            assert collected(db, numbers) == Decimal("1000.00")
            raise RuntimeError("roll back")
    assert db.last_event_seq() == seq


def test_other_kinds_and_languages(tmp_path):
    db = pactum.open(str(tmp_path / "org.db"), lang="zh-CN")
    (tmp_path / "departments.csv").write_text("code,name\nSD,销售部\n", encoding="utf-8")
    (tmp_path / "employees.jsonl").write_text(
        '{"id":"E1","name":"张三","department":"SD","position":"sales","hired":"2020-01-01"}\n', encoding="utf-8"
    )
    (tmp_path / "contracts.csv").write_text(
        "external_id,type,owner,amount,signed,counterparty,installments,activated,attr:budget:money\n"
        "X1,sales,E1,1000.00,2024-01-10,甲,2024-02-01:400.00;2024-03-01:600.00,2024-01-10,1200.00 CNY\n",
        encoding="utf-8",
    )
    assert db.import_file("departments", tmp_path / "departments.csv")["applied"] == 1
    assert db.import_file("employees", tmp_path / "employees.jsonl")["format"] == "jsonl"
    assert db.import_file("contracts", tmp_path / "contracts.csv")["applied"] == 1
    c = db.find_contracts(owner="E1")[0]
    assert c.status == "active"
    assert c.attributes["budget"].amount == Decimal("1200.00")
    (tmp_path / "deliveries.csv").write_text(f"contract,date\n{c.number},2024-01-09\n", encoding="utf-8")
    with pytest.raises(pactum.ValidationError) as info:
        db.import_file("deliveries", tmp_path / "deliveries.csv")
    assert str(info.value).startswith("第 2 行,“date”列:")
    with pytest.raises(pactum.ValidationError):
        db.import_file("invoices", tmp_path / "deliveries.csv")
    with pytest.raises(pactum.ValidationError):
        db.import_file("payments", tmp_path / "deliveries.csv", mode="some")
    with pytest.raises(pactum.NotFoundError):
        db.import_file("payments", tmp_path / "missing.csv")
    with pytest.raises(TypeError):
        db.import_file("payments", 42)
    db.close()


def test_export_round_trip(setup):
    db, numbers, tmp = setup
    db.import_file("payments", payments_csv(tmp / "p.csv", numbers, 50))
    db.advance_to(D(2024, 3, 1))
    summary = db.export(tmp / "export")
    assert summary["reporting_currency"] == "CNY"
    assert summary["clock"] == D(2024, 3, 1)
    assert summary["tables"]["events"] == db.last_event_seq()
    target = pactum.open(str(tmp / "target.db"))
    restored = target.import_export(str(tmp / "export"))
    assert restored["tables"] == summary["tables"]
    target.export(tmp / "again")
    for name in os.listdir(tmp / "export"):
        assert (tmp / "export" / name).read_bytes() == (tmp / "again" / name).read_bytes(), name
    assert target.events_after(0, 10000) == db.events_after(0, 10000)
    with pytest.raises(pactum.StateError):
        target.import_export(tmp / "export")
    target.close()


def run(cli, *args):
    return subprocess.run([cli, *args], capture_output=True, text=True, timeout=120)


def test_cli_import_and_export(tmp_path, pactum_cli):
    dbfile = str(tmp_path / "cli.db")
    with pactum.open(dbfile) as db:
        numbers = company(db)
    good = payments_csv(tmp_path / "good.csv", numbers, 1200)
    bad = payments_csv(tmp_path / "bad.csv", numbers, 1200, bad=700, bad_amount="1e3")

    r = run(pactum_cli, "--db", dbfile, "import", "payments", str(bad))
    assert r.returncode == 1
    assert "PACTUM_EINVALID (-1): line 701, column 'amount': '1e3' is not a valid amount" in r.stderr
    assert r.stdout == ""

    # Piped: no progress bar, just the summary; skipped rows exit 3.
    r = run(pactum_cli, "--db", dbfile, "import", "payments", str(bad), "--skip", "--report", str(tmp_path / "r.csv"))
    assert r.returncode == 3, r.stderr
    assert r.stderr == ""
    assert r.stdout.splitlines() == [
        "payments: 1200 rows, 1199 applied, 0 unchanged, 1 skipped",
        "  line 701, column 'amount': '1e3' is not a valid amount (plain decimal such as 1000.00)",
    ]
    assert (tmp_path / "r.csv").read_bytes().decode("utf-8").startswith("line,column,code,error,message\r\n701,amount,")

    r = run(pactum_cli, "--db", dbfile, "import", "payments", str(good), "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["unchanged"] == 1199 and json.loads(r.stdout)["applied"] == 1

    r = run(pactum_cli, "--db", dbfile, "export", str(tmp_path / "dump"))
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("exported ") and "to " + str(tmp_path / "dump") in r.stdout
    copy = str(tmp_path / "copy.db")
    r = run(pactum_cli, "--db", copy, "import", "export", str(tmp_path / "dump"))
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("restored ")
    with pactum.open(copy) as db:
        assert db.contract(numbers[0]).collected == Decimal("6000.00")

    assert run(pactum_cli, "--db", dbfile, "import", "payments").returncode == 2
    assert run(pactum_cli, "import", "payments", str(good)).returncode == 2
    assert run(pactum_cli, "--db", dbfile, "import", "payments", str(good), "--file-format", "xml").returncode == 2
    assert run(pactum_cli, "--db", dbfile, "import", "invoices", str(good)).returncode == 1
    assert run(pactum_cli, "--db", str(tmp_path / "none.db"), "export", str(tmp_path / "x")).returncode == 1
    assert not os.path.exists(tmp_path / "none.db")
    assert run(pactum_cli, "--db", dbfile, "export").returncode == 2
    r = run(pactum_cli, "--lang", "zh-CN", "--db", dbfile, "import", "payments", str(bad))
    assert "第 701 行,“amount”列" in r.stderr


def test_cli_draws_a_progress_bar_on_a_terminal(tmp_path, pactum_cli):
    dbfile = str(tmp_path / "tty.db")
    with pactum.open(dbfile) as db:
        numbers = company(db)
    path = payments_csv(tmp_path / "p.csv", numbers, 2500)
    master, slave = pty.openpty()
    try:
        proc = subprocess.run(
            [pactum_cli, "--db", dbfile, "import", "payments", str(path)],
            stdout=subprocess.PIPE,
            stderr=slave,
            timeout=120,
        )
        os.close(slave)
        slave = -1
        drawn = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            drawn += chunk
    finally:
        if slave >= 0:
            os.close(slave)
        os.close(master)
    assert proc.returncode == 0
    assert b"1000/2500" in drawn and b"2500/2500" in drawn and b"100%" in drawn
    assert b"\r[" in drawn
    assert proc.stdout.decode("utf-8").strip() == "payments: 2500 rows, 2500 applied, 0 unchanged, 0 skipped"
