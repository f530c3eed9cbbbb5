"""The approval controls on the command line (issue 16): each attack refused
with exit 1, its code and message on stderr (English and Chinese) and the
database unchanged; `contract activate|amend` and `route direct-activation`
(docs/cli.md)."""

import datetime
import json
from decimal import Decimal

import pactum

from conftest import dump_database
from test_approval_cli import company, run  # noqa: F401 (fixture)

D = datetime.date
LARGE = '{"version":1,"amount":"50000000.00","installments":[]}'


def refused(cli, path, args, code, en, zh):
    before = dump_database(path)
    for lang, text in (("en", en), ("zh-CN", zh)):
        done = run(cli, "--db", path, "--lang", lang, *args)
        assert done.returncode == 1, done.stdout + done.stderr
        assert code in done.stderr and text in done.stderr, done.stderr
    assert dump_database(path) == before


def test_send_back_then_activate_is_refused(pactum_cli, company):
    assert run(pactum_cli, "--db", company, "route", "submit", "1", "--by", "E2", "--on", "2024-01-11").returncode == 0
    assert run(pactum_cli, "--db", company, "route", "send-back", "1", "--by", "E1", "--on", "2024-01-12").returncode == 0
    refused(pactum_cli, company, ["contract", "activate", "HT-2024-SD-0001", "--on", "2024-01-13"], "PACTUM_ESTATE",
            "contract HT-2024-SD-0001 entered an approval route (round 1, sent_back): only its route can make it active",
            "合同 HT-2024-SD-0001 已进入审批路线(第 1 轮,sent_back):只能经审批路线生效")
    refused(pactum_cli, company, ["contract", "activate", "3", "--on", "2024-01-13"], "PACTUM_ESTATE",
            "contracts of type sales are approved through routing in this database", "须经审批路线审批")


def test_the_setting_from_the_command_line(pactum_cli, company):
    done = run(pactum_cli, "--db", company, "route", "direct-activation")
    assert done.returncode == 0 and done.stdout == "direct_activation: refuse\n"
    done = run(pactum_cli, "--db", company, "route", "direct-activation", "allow")
    assert done.returncode == 2 and "needs --by NAME and --reason TEXT" in done.stderr
    done = run(pactum_cli, "--db", company, "route", "direct-activation", "allow", "--by", "IT", "--reason", "ERP 内部审批",
               "--on", "2024-01-05")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "direct_activation: refuse -> allow (event 4, effective 2024-01-05, by IT)\n"  # 3 created
    refused(pactum_cli, company, ["route", "direct-activation", "allow", "--by", "IT", "--reason", "again"],
            "PACTUM_ESTATE", "the setting direct_activation is already 'allow'", "设置 direct_activation 已是“allow”")
    refused(pactum_cli, company, ["route", "direct-activation", "maybe", "--by", "IT", "--reason", "x"],
            "PACTUM_EINVALID", "unknown direct activation setting 'maybe'", "未知的直接生效设置“maybe”")
    done = run(pactum_cli, "--db", company, "route", "direct-activation", "--format", "json")
    assert json.loads(done.stdout) == {"version": 1, "setting": "direct_activation", "value": "allow"}
    done = run(pactum_cli, "--db", company, "contract", "activate", "3", "--on", "2024-01-13", "--by", "ERP")
    assert done.returncode == 0, done.stderr
    assert "HT-2024-SD-0003: activated (event" in done.stdout and "the contract is active" in done.stdout
    with pactum.open(company) as db:
        event = [e for e in db.events_after(0) if e["type"] == "setting_changed"][0]
        assert event["actor"] == "IT" and event["reason"] == "ERP 内部审批"


def test_approve_small_then_amend_large(pactum_cli, company):
    assert run(pactum_cli, "--db", company, "route", "submit", "3", "--by", "E2", "--on", "2024-01-11").returncode == 0
    assert run(pactum_cli, "--db", company, "route", "approve", "3", "--by", "E1", "--on", "2024-01-12").returncode == 0
    refused(pactum_cli, company, ["contract", "amend", "3", "--reason", "扩大合作", "--changes", LARGE, "--on", "2024-02-01"],
            "PACTUM_EINVALID", "the change of amount of contract HT-2024-SD-0003 is read by the routing table",
            "合同 HT-2024-SD-0003 的 amount 变更会被路由表读取")
    done = run(pactum_cli, "--db", company, "contract", "amend", "3", "--reason", "扩大合作", "--changes", LARGE,
               "--on", "2024-02-01", "--by", "E2")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ("HT-2024-SD-0003: the change goes through approval round 2 (3 step(s), waiting for: E1); "
                           "the terms in force stay until it is approved\n")
    with pactum.open(company) as db:
        assert db.contract(3).amount == Decimal("30000.00")
    refused(pactum_cli, company, ["route", "approve", "3", "--by", "E2", "--on", "2024-02-02"], "PACTUM_ESEGREGATION",
            "E2 owns contract HT-2024-SD-0003", "E2 是合同 HT-2024-SD-0003 的负责人")
    for by in ("E1", "F1", "G1"):
        assert run(pactum_cli, "--db", company, "route", "approve", "3", "--by", by, "--on", "2024-02-03").returncode == 0
    with pactum.open(company) as db:
        assert db.contract(3).amount == Decimal("50000000.00")
    # A change no table input reads is recorded at once.
    done = run(pactum_cli, "--db", company, "contract", "amend", "3", "--reason", "交期", "--changes",
               '{"version":1,"delivery_due":"2024-06-30"}', "--on", "2024-02-04", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["type"] == "amended"
    assert run(pactum_cli, "--db", company, "contract", "amend", "3", "--reason", "x").returncode == 2


def test_one_person_two_votes(pactum_cli, company):
    with pactum.open(company) as db:
        db.load_routing({"id": "committee", "version": 1, "inputs": [{"name": "amount", "type": "money"}],
                         "rules": [{"id": "all", "route": [{"role": "finance", "mode": {"k": 2}}]}]})
        db.delegate("F2", "F1", D(2024, 1, 1), D(2024, 12, 31))
    assert run(pactum_cli, "--db", company, "route", "submit", "3", "--by", "E2", "--on", "2024-01-11").returncode == 0
    assert run(pactum_cli, "--db", company, "route", "approve", "3", "--by", "F1", "--on", "2024-01-12").returncode == 0
    refused(pactum_cli, company, ["route", "approve", "3", "--by", "F1", "--for", "F2", "--on", "2024-01-12"],
            "PACTUM_ECONFLICT", "a person counts once per step, whoever they act for", "同一步中每人只计一次")


def test_segregation_across_rounds(pactum_cli, company):
    with pactum.open(company) as db:
        db.assign_role("E3", "finance")
    for args in (["submit", "1", "--by", "E3", "--on", "2024-01-11"], ["approve", "1", "--by", "E1", "--on", "2024-01-12"],
                 ["send-back", "1", "--by", "F1", "--on", "2024-01-13"], ["submit", "1", "--by", "E2", "--on", "2024-01-14"],
                 ["approve", "1", "--by", "E1", "--on", "2024-01-15"]):
        assert run(pactum_cli, "--db", company, "route", *args).returncode == 0
    refused(pactum_cli, company, ["route", "approve", "1", "--by", "E3", "--on", "2024-01-16"], "PACTUM_ESEGREGATION",
            "E3 submitted an earlier round of contract HT-2024-SD-0001", "E3 提交过合同 HT-2024-SD-0001 的前一轮审批")


def test_a_leaver_back_dated(pactum_cli, company):
    assert run(pactum_cli, "--db", company, "route", "submit", "3", "--by", "E2", "--on", "2024-01-11").returncode == 0
    with pactum.open(company) as db:
        db.deactivate_employee("E1", on=D(2024, 2, 1))
        db.advance_to(D(2024, 2, 5))
    refused(pactum_cli, company, ["route", "approve", "3", "--by", "E1", "--on", "2024-01-31"], "PACTUM_ESTATE",
            "employee 'E1' is not employed on 2024-02-05, when this action is recorded",
            "员工“E1”在记录该操作的日期 2024-02-05(数据库时钟)不在职")


def test_voiding_a_working_contracts_number(pactum_cli, company):
    assert run(pactum_cli, "--db", company, "route", "submit", "3", "--by", "E2", "--on", "2024-01-11").returncode == 0
    refused(pactum_cli, company, ["number", "void", "HT-2024-SD-0003", "--reason", "作废", "--on", "2024-01-12"],
            "PACTUM_ESTATE", "only a draft's number can be voided", "只能作废草稿合同的编号")
