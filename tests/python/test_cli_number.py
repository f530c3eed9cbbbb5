"""`pactum number ...` driven through the built binary (PACTUM_CLI)."""

import sqlite3
import subprocess

import pytest


def run(cli, *args):
    return subprocess.run([cli, *args], capture_output=True, text=True, timeout=60)


@pytest.fixture
def dbfile(tmp_path, pactum_cli):
    path = str(tmp_path / "cli.db")
    r = run(pactum_cli, "--db", path, "number", "define", "sales", "{type}-{year}-{dept}-{seq:3}")
    assert r.returncode == 0, r.stderr
    assert "version 1" in r.stdout
    return path


def test_issue_preview_parse_find_show_void(pactum_cli, dbfile):
    cli = pactum_cli
    fields = ["--field", "type=XSC", "--field", "dept=SD"]
    r = run(cli, "--db", dbfile, "number", "preview", "sales", "--on", "2024-03-01", *fields)
    assert (r.returncode, r.stdout) == (0, "XSC-2024-SD-001\n")
    for expected in ("XSC-2024-SD-001", "XSC-2024-SD-002"):
        r = run(cli, "--db", dbfile, "number", "issue", "sales", "--on", "2024-03-01", "--owner", "crm:7", *fields)
        assert (r.returncode, r.stdout) == (0, expected + "\n"), r.stderr
    r = run(cli, "--db", dbfile, "number", "issue", "sales", "--on=2024-03-01", "--field=type=LD", "--field=dept=HR")
    assert r.stdout == "LD-2024-HR-001\n"
    r = run(cli, "--db", dbfile, "number", "parse", "sales", "XSC-2024-SD-002")
    assert r.stdout == "dept=SD\ntype=XSC\nyear=2024\nseq=2\n"
    r = run(cli, "--db", dbfile, "number", "find", "XSC-2024-SD")
    assert r.stdout == "XSC-2024-SD-001\nXSC-2024-SD-002\n"
    r = run(cli, "--db", dbfile, "number", "find", "XSC-2024-SD", "--limit", "1", "--after", "XSC-2024-SD-001")
    assert r.stdout == "XSC-2024-SD-002\n"
    r = run(cli, "--db", dbfile, "number", "void", "XSC-2024-SD-001", "--reason", "spoiled form", "--on", "2024-03-02")
    assert r.returncode == 0 and "XSC-2024-SD-001" in r.stdout
    r = run(cli, "--db", dbfile, "number", "show", "XSC-2024-SD-001")
    assert "owner=crm:7\n" in r.stdout and "voided=true\n" in r.stdout and "void_reason=spoiled form\n" in r.stdout
    r = run(cli, "--db", dbfile, "number", "rules")
    assert "sales\tv1\tgapless\t{type}-{year}-{dept}-{seq:3}\n" in r.stdout


def test_chinese_fields_and_messages(pactum_cli, tmp_path):
    path = str(tmp_path / "zh.db")
    assert run(pactum_cli, "--db", path, "number", "define", "ht", "HT-{year}-{dept_name}-{employee_name}-{seq:3}").returncode == 0
    r = run(pactum_cli, "--db", path, "number", "issue", "ht", "--on", "2024-03-01",
            "--field", "dept_name=销售部", "--field", "employee_name=张三")
    assert r.stdout == "HT-2024-销售部-张三-001\n"
    r = run(pactum_cli, "--db", path, "number", "find", "HT-2024-销售部")
    assert r.stdout == "HT-2024-销售部-张三-001\n"
    r = run(pactum_cli, "--db", path, "--lang", "zh-CN", "number", "issue", "ht",
            "--field", "dept_name=销-售", "--field", "employee_name=张三")
    assert r.returncode == 1
    assert "PACTUM_EINVALID (-1)" in r.stderr and "分隔符" in r.stderr


def dump(path):
    con = sqlite3.connect(path)
    try:
        return [con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
                for t in ("numbering_rule", "numbering_counter", "numbering_issued")]
    finally:
        con.close()


@pytest.mark.parametrize("args,status,needle", [
    (["number", "define", "bad", "{type}{dept}-{seq}"], 1, "PACTUM_EPATTERN (-14)"),
    (["number", "define", "bad", "{type}-{seq:19}"], 1, "character 8"),
    (["number", "define", "bad", "{seq}", "--mode", "quick"], 1, "quick"),
    (["number", "issue", "sales", "--field", "type=XSC"], 1, "'dept' is missing"),
    (["number", "issue", "sales", "--field", "type=XSC", "--field", "dept=S-D"], 1, "contains '-'"),
    (["number", "issue", "sales", "--field", "type=XSC", "--field", "dept=SD", "--field", "x=1"], 1, "'x'"),
    (["number", "issue", "sales", "--on", "2024-02-30", "--field", "type=XSC", "--field", "dept=SD"], 1, "2024-02-30"),
    (["number", "issue", "nope"], 1, "PACTUM_ENOTFOUND (-2)"),
    (["number", "issue", "sales", "--field", "type"], 2, "NAME=VALUE"),
    (["number", "issue", "sales", "--field", "type=A", "--field", "type=B"], 2, "twice"),
    (["number", "issue", "sales", "--bogus"], 2, "--bogus"),
    (["number", "issue"], 2, "usage"),
    (["number", "parse", "sales", "XSC-2024"], 1, "does not match"),
    (["number", "find", "X", "--limit", "many"], 2, "many"),
    (["number", "find", "X", "--limit", "0"], 1, "limit 0"),
    (["number", "void", "XSC-2024-SD-001"], 2, "--reason"),
    (["number", "void", "XSC-2024-SD-404", "--reason", "typo"], 1, "never issued"),
    (["number", "show", "XSC-2024-SD-404"], 1, "PACTUM_ENOTFOUND"),
    (["number", "frobnicate"], 2, "usage"),
])
def test_errors_change_nothing(pactum_cli, dbfile, args, status, needle):
    before = dump(dbfile)
    r = run(pactum_cli, "--db", dbfile, *args)
    assert r.returncode == status, (r.stdout, r.stderr)
    assert needle in r.stderr, r.stderr
    assert r.stdout == ""
    assert dump(dbfile) == before


def test_database_is_required_and_never_created_by_reads(pactum_cli, tmp_path):
    r = run(pactum_cli, "number", "find", "X")
    assert r.returncode == 2 and "--db FILE" in r.stderr
    missing = tmp_path / "missing.db"
    r = run(pactum_cli, "--db", str(missing), "number", "issue", "sales")
    assert r.returncode == 1 and "PACTUM_ENOTFOUND" in r.stderr
    assert not missing.exists()
