"""`pactum route submit|approve|reject|send-back|withdraw|current|history|inbox|delegate`
(exit statuses of docs/cli.md)."""

import datetime
import json
import subprocess
from decimal import Decimal

import pytest

import pactum

from test_approval import add_company, dump

D = datetime.date


def run(cli, *args):
    return subprocess.run([cli, *args], capture_output=True, text=True, encoding="utf-8")


@pytest.fixture
def company(tmp_path):
    """A database file with the company and three draft contracts (ids 1..3)."""
    path = str(tmp_path / "approval.db")
    with pactum.open(path) as db:
        add_company(db)
        for amount, owner in (("80000.00", "E2"), ("30000.00", "E1"), ("30000.00", "E2")):
            db.create_contract(type="sales", owner=owner, amount=Decimal(amount), signed=D(2024, 1, 10),
                               end=D(2024, 12, 31), counterparty="华东机械有限公司")
    return path


def test_submit_approve_and_history(pactum_cli, company):
    done = run(pactum_cli, "--db", company, "route", "submit", "HT-2024-SD-0001", "--by", "E2", "--on", "2024-01-11",
               "--comment", "请审批")
    assert done.returncode == 0, done.stderr
    assert ("HT-2024-SD-0001 submitted (round 1), routed by table 'default' version 1 (rules 50000-to-100000)"
            in done.stdout)
    assert "step 1/2 (dept_manager), waiting for: E1" in done.stdout
    done = run(pactum_cli, "--db", company, "route", "approve", "1", "--by", "E1", "--on", "2024-01-12",
               "--comment", "同意")
    assert done.returncode == 0, done.stderr
    assert "HT-2024-SD-0001: approved by E1" in done.stdout
    assert "step 2/2 (finance), waiting for: F1, F2, F3" in done.stdout
    done = run(pactum_cli, "--db", company, "route", "current", "1", "--format", "json")
    assert json.loads(done.stdout)["step"]["number"] == 2
    done = run(pactum_cli, "--db", company, "route", "approve", "1", "--by", "F3", "--on", "2024-01-13",
               "--format", "json")
    assert done.returncode == 0, done.stderr
    entry = json.loads(done.stdout)
    assert entry["action"] == "approved" and entry["actor"] == "F3" and entry["on"] == "2024-01-13"
    done = run(pactum_cli, "--db", company, "route", "history", "HT-2024-SD-0001")
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines[0].split("\t")[:5] == ["2024-01-11", "1", "submitted", "-", "E2"]
    assert lines[0].split("\t")[5] == "请审批"
    assert lines[1].split("\t")[:6] == ["2024-01-12", "1", "approved", "1", "E1", "同意"]
    done = run(pactum_cli, "--db", company, "route", "history", "1", "--format", "json")
    history = json.loads(done.stdout)["history"]
    assert [h["action"] for h in history] == ["submitted", "approved", "approved"]
    done = run(pactum_cli, "--db", company, "route", "current", "1")
    assert "HT-2024-SD-0001 has no open approval step" in done.stdout
    with pactum.open(company) as db:
        assert db.contract(1).status == "active"


def test_delegation_inbox_and_rerouting(pactum_cli, company):
    done = run(pactum_cli, "--db", company, "route", "delegate", "G1", "F2", "2024-01-01", "2024-01-31")
    assert done.returncode == 0, done.stderr
    assert "delegation 1: F2 acts for G1 from 2024-01-01 to 2024-01-31" in done.stdout
    # E1's own contract goes up to G1 (HQ's manager).
    done = run(pactum_cli, "--db", company, "route", "submit", "2", "--by", "E1", "--on", "2024-01-11")
    assert "waiting for: G1" in done.stdout
    done = run(pactum_cli, "--db", company, "route", "inbox", "F2", "--on", "2024-01-12")
    assert "HT-2024-SD-0002 (sales, 30000.00 CNY) step 1/1 (dept_manager) since 2024-01-11; F2 for G1" in done.stdout
    done = run(pactum_cli, "--db", company, "--lang", "zh-CN", "route", "inbox", "F2", "--on", "2024-01-12")
    assert "F2 代 G1" in done.stdout
    done = run(pactum_cli, "--db", company, "route", "inbox", "F2", "--on", "2024-02-01", "--format", "json")
    assert json.loads(done.stdout)["items"] == []
    done = run(pactum_cli, "--db", company, "route", "approve", "2", "--by", "F2", "--for", "G1", "--on", "2024-01-12")
    assert done.returncode == 0, done.stderr
    assert "HT-2024-SD-0002: approved by F2 for G1" in done.stdout
    assert "HT-2024-SD-0002 is active" in done.stdout
    done = run(pactum_cli, "--db", company, "route", "history", "2")
    assert "the step goes to G1, manager of the parent department HQ" in done.stdout
    assert "F2 for G1" in done.stdout


def test_send_back_withdraw_and_reject(pactum_cli, company):
    assert run(pactum_cli, "--db", company, "route", "submit", "3", "--by", "E2", "--on", "2024-01-11").returncode == 0
    done = run(pactum_cli, "--db", company, "route", "send-back", "3", "--by", "E1", "--comment", "补充附件",
               "--on", "2024-01-12")
    assert done.returncode == 0, done.stderr
    assert "HT-2024-SD-0003: sent_back by E1" in done.stdout
    assert "HT-2024-SD-0003 is draft" in done.stdout
    assert run(pactum_cli, "--db", company, "route", "submit", "3", "--by", "E2", "--on", "2024-01-13").returncode == 0
    done = run(pactum_cli, "--db", company, "route", "withdraw", "3", "--by", "E2", "--on", "2024-01-14")
    assert done.returncode == 0 and "withdrawn by E2" in done.stdout
    assert run(pactum_cli, "--db", company, "route", "submit", "3", "--by", "E2", "--on", "2024-01-15").returncode == 0
    done = run(pactum_cli, "--db", company, "route", "reject", "3", "--by", "E1", "--comment", "不批", "--on",
               "2024-01-16")
    assert done.returncode == 0 and "HT-2024-SD-0003 is rejected" in done.stdout
    done = run(pactum_cli, "--db", company, "route", "history", "3", "--format", "json")
    history = json.loads(done.stdout)["history"]
    assert [(h["round"], h["action"], h["comment"]) for h in history] == [
        (1, "submitted", ""), (1, "sent_back", "补充附件"), (2, "submitted", ""), (2, "withdrawn", ""),
        (3, "submitted", ""), (3, "rejected", "不批")]


def test_refusals_exit_1_with_the_code_and_change_nothing(pactum_cli, company):
    assert run(pactum_cli, "--db", company, "route", "submit", "1", "--by", "E3", "--on", "2024-01-11").returncode == 0
    before = dump(company)
    done = run(pactum_cli, "--db", company, "route", "approve", "1", "--by", "E2", "--on", "2024-01-12")
    assert done.returncode == 1
    assert "PACTUM_ESEGREGATION (-16)" in done.stderr
    assert "E2 owns contract HT-2024-SD-0001" in done.stderr
    done = run(pactum_cli, "--db", company, "--lang", "zh-CN", "route", "approve", "1", "--by", "E3", "--on",
               "2024-01-12")
    assert done.returncode == 1 and "E3 提交了合同 HT-2024-SD-0001" in done.stderr
    done = run(pactum_cli, "--db", company, "route", "approve", "1", "--by", "F1", "--on", "2024-01-12")
    assert done.returncode == 1 and "PACTUM_ENOTAPPROVER (-15)" in done.stderr
    done = run(pactum_cli, "--db", company, "route", "approve", "1", "--by", "E1", "--on", "2024-01-10")
    assert done.returncode == 1 and "PACTUM_EINVALID (-1)" in done.stderr
    done = run(pactum_cli, "--db", company, "route", "withdraw", "1", "--by", "E2")
    assert done.returncode == 1 and "only the submitter E3 may withdraw" in done.stderr
    done = run(pactum_cli, "--db", company, "route", "approve", "2", "--by", "E1", "--on", "2024-01-12")
    assert done.returncode == 1 and "PACTUM_ESTATE (-4)" in done.stderr and "never been submitted" in done.stderr
    done = run(pactum_cli, "--db", company, "route", "approve", "HT-NOPE", "--by", "E1")
    assert done.returncode == 1 and "PACTUM_ENOTFOUND (-2)" in done.stderr
    done = run(pactum_cli, "--db", company, "route", "approve", "1", "--by", "E1", "--on", "2024-02-30")
    assert done.returncode == 1 and "PACTUM_EINVALID" in done.stderr
    assert dump(company) == before


def test_usage_errors_exit_2(pactum_cli, company, tmp_path):
    assert run(pactum_cli, "--db", company, "route", "submit", "1").returncode == 2
    done = run(pactum_cli, "--db", company, "route", "submit", "1", "--by", "E2", "--for", "E1")
    assert done.returncode == 2 and "option --for does not apply to route submit" in done.stderr
    assert run(pactum_cli, "--db", company, "route", "history").returncode == 2
    assert run(pactum_cli, "--db", company, "route", "history", "1", "2").returncode == 2
    assert run(pactum_cli, "--db", company, "route", "list", "--by", "E1").returncode == 2
    assert run(pactum_cli, "--db", company, "route", "inbox", "E1", "--by", "E1").returncode == 2
    assert run(pactum_cli, "route", "history", "1").returncode == 2
    missing = str(tmp_path / "missing.db")
    done = run(pactum_cli, "--db", missing, "route", "history", "1")
    assert done.returncode == 1 and "no database at" in done.stderr
    assert not (tmp_path / "missing.db").exists()
