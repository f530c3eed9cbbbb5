"""Approval controls from Python (issue 16): one test per attack — send back
then activate, approve small then amend large, one person two votes,
segregation per round only, a leaver approving back-dated, a void number on
a working contract — each refused with its code and both messages and the
database unchanged; the audited direct_activation setting; amendment rounds."""

import datetime
from decimal import Decimal

import pytest

import pactum

from test_approval import add_company, contract, db, dump, one_rule, path, refused  # noqa: F401 (fixtures)

D = datetime.date


def approved(db, c, on=D(2024, 1, 12)):
    """Submits the contract and approves it through its route."""
    db.submit(c, by="E2", on=D(2024, 1, 11))
    while db.current_step(c):
        db.approve(c, by=db.current_approvers(c)[0], on=on)
    return db.contract(c)


def test_send_back_then_activate_is_refused(db, path):
    c = contract(db, "5000000.00")
    db.submit(c, by="E2", on=D(2024, 1, 11))
    db.send_back(c, by="E1", comment="请补充", on=D(2024, 1, 12))
    assert db.contract(c).status == "draft"
    refused(db, path, lambda: db.activate(c, on=D(2024, 1, 13)), pactum.StateError, "PACTUM_ESTATE",
            "contract HT-2024-SD-0001 entered an approval route (round 1, sent_back): only its route can make it active",
            "合同 HT-2024-SD-0001 已进入审批路线(第 1 轮,sent_back):只能经审批路线生效")
    # Whatever the setting.
    db.set_direct_activation("allow", by="IT", reason="ERP 内部审批", on=D(2024, 1, 12))
    refused(db, path, lambda: db.activate(c, on=D(2024, 1, 13)), pactum.StateError, "PACTUM_ESTATE",
            "only its route can make it active", "只能经审批路线生效")


def test_a_type_with_routing_in_use_is_not_activated_directly(db, path):
    assert db.routing_in_use("sales") is False
    routed = contract(db, "30000.00")
    db.submit(routed, by="E2", on=D(2024, 1, 11))
    assert db.routing_in_use("sales") is True and db.routing_in_use("labour") is False
    other = contract(db, "30000.00")
    refused(db, path, lambda: db.activate(other, on=D(2024, 1, 12)), pactum.StateError, "PACTUM_ESTATE",
            "contracts of type sales are approved through routing in this database: contract HT-2024-SD-0002 must be "
            "submitted for approval", "本数据库中 sales 类型的合同须经审批路线审批")
    with pytest.raises(pactum.ValidationError):
        db.routing_in_use("Bad Type")


def test_the_setting_is_audited(db, path):
    assert db.direct_activation() == "refuse"
    event = db.set_direct_activation("allow", by="IT 管理员", reason="ERP 内部审批", on=D(2024, 1, 5))
    assert event["type"] == "setting_changed" and event["contract"] is None
    assert event["actor"] == "IT 管理员" and event["reason"] == "ERP 内部审批" and event["effective"] == D(2024, 1, 5)
    assert event["payload"] == {"setting": "direct_activation", "from": "refuse", "to": "allow"}
    assert db.direct_activation() == "allow"
    refused(db, path, lambda: db.set_direct_activation("allow", by="IT", reason="again"), pactum.StateError,
            "PACTUM_ESTATE", "the setting direct_activation is already 'allow'", "设置 direct_activation 已是“allow”")
    refused(db, path, lambda: db.set_direct_activation("yes", by="IT", reason="why"), pactum.ValidationError,
            "PACTUM_EINVALID", "unknown direct activation setting 'yes'", "未知的直接生效设置“yes”")
    with pytest.raises(TypeError):
        db.set_direct_activation("refuse", by=None, reason="why")
    db.set_direct_activation("refuse", by="IT 管理员", reason="全部走审批", on=D(2024, 1, 6))
    assert [e["type"] for e in db.events_after(0) if e["contract"] is None][-2:] == ["setting_changed"] * 2


def test_approve_small_then_amend_large_re_enters_the_route(db, path):
    c = approved(db, contract(db, "1000.00"))
    assert c.status == "active"
    refused(db, path, lambda: db.amend(c, "扩大合作", amount=Decimal("50000000.00"), installments=[], on=D(2024, 2, 1)),
            pactum.ValidationError, "PACTUM_EINVALID",
            "the change of amount of contract HT-2024-SD-0001 is read by the routing table",
            "合同 HT-2024-SD-0001 的 amount 变更会被路由表读取")
    event = db.amend(c, "扩大合作", amount=Decimal("50000000.00"), installments=[], on=D(2024, 2, 1), actor="E2")
    assert event["type"] == "submitted" and event["value"] == 2
    assert db.contract(c).amount == Decimal("1000.00")
    route = db.approval_route(c)
    assert route["round"] == 2
    assert [s["approver"]["role"] for s in route["steps"]] == ["dept_manager", "finance", "general_manager"]
    assert route["amendment"]["reason"] == "扩大合作" and route["amendment"]["inputs"] == ["amount"]
    assert route["amendment"]["changes"]["amount"] == {"from": "1000.00", "to": "50000000.00"}
    assert route["amendment"]["event"] is None
    assert db.inbox("E1", on=D(2024, 2, 2))[0]["amendment"] is True
    refused(db, path, lambda: db.approve(c, by="E2", on=D(2024, 2, 2)), pactum.StateError, "PACTUM_ESEGREGATION",
            "E2 owns contract HT-2024-SD-0001", "E2 是合同 HT-2024-SD-0001 的负责人")
    refused(db, path, lambda: db.amend(c, "交期", delivery_due=D(2024, 6, 30), on=D(2024, 2, 2)), pactum.StateError,
            "PACTUM_ESTATE", "has an amendment in approval (round 2, submitted on 2024-02-01)", "有一项变更正在审批中")
    while db.current_step(c):
        db.approve(c, by=db.current_approvers(c)[0], on=D(2024, 2, 3))
    after = db.contract(c)
    assert after.amount == Decimal("50000000.00") and after.status == "active"
    last = db.events(c)[-1]
    assert last["type"] == "amended" and last["effective"] == D(2024, 2, 3) and last["actor"] == "E2"
    assert db.approval_route(c)["amendment"]["event"] == last["seq"]


def test_a_rejected_amendment_round_leaves_the_terms(db):
    c = approved(db, contract(db, "30000.00"))
    db.amend(c, "加价", amount=Decimal("150000.00"), installments=[], on=D(2024, 2, 1), actor="E2")
    db.reject(c, by="E1", comment="不同意", on=D(2024, 2, 2))
    assert db.contract(c).amount == Decimal("30000.00") and db.contract(c).status == "active"
    # A change no table input reads needs no round.
    assert db.amend(c, "交期", delivery_due=D(2024, 6, 30), on=D(2024, 2, 3))["type"] == "amended"


def test_one_person_two_votes_is_refused(db, path):
    db.load_routing(one_rule("committee", [{"role": "finance", "mode": {"k": 2}}]))
    db.delegate("F2", "F1", D(2024, 1, 1), D(2024, 12, 31))
    c = contract(db, "30000.00")
    db.submit(c, by="E2", on=D(2024, 1, 11))
    assert db.approve(c, by="F1", on=D(2024, 1, 12), on_behalf_of="F2")["on_behalf_of"] == "F2"
    refused(db, path, lambda: db.approve(c, by="F1", on=D(2024, 1, 12)), pactum.ConflictError, "PACTUM_ECONFLICT",
            "F1 already approved step 1 of contract HT-2024-SD-0001 (for F2, on 2024-01-12); a person counts once per step",
            "同一步中每人只计一次")
    assert db.inbox("F1", on=D(2024, 1, 12)) == []
    assert db.approval_history(c)[-1]["on_behalf_of"] == "F2"


def test_segregation_holds_across_rounds(db, path):
    db.assign_role("E3", "finance")
    c = contract(db, "80000.00")
    db.submit(c, by="E3", on=D(2024, 1, 11))
    db.approve(c, by="E1", on=D(2024, 1, 12))
    db.send_back(c, by="F1", comment="金额有误", on=D(2024, 1, 13))
    db.amend(c, "更正", counterparty="华东机械股份有限公司", on=D(2024, 1, 14), actor="E3")
    db.submit(c, by="E2", on=D(2024, 1, 15))
    db.approve(c, by="E1", on=D(2024, 1, 16))
    assert db.current_approvers(c) == ["F1", "F2", "F3"]
    refused(db, path, lambda: db.approve(c, by="E3", on=D(2024, 1, 17)), pactum.StateError, "PACTUM_ESEGREGATION",
            "E3 submitted an earlier round of contract HT-2024-SD-0001 and may not approve",
            "E3 提交过合同 HT-2024-SD-0001 的前一轮审批")


def test_a_leaver_cannot_approve_back_dated(db, path):
    c = contract(db, "30000.00")
    db.submit(c, by="E2", on=D(2024, 1, 11))
    db.deactivate_employee("E1", on=D(2024, 2, 1))
    db.advance_to(D(2024, 2, 5))
    refused(db, path, lambda: db.approve(c, by="E1", comment="离职前审批", on=D(2024, 1, 31)), pactum.StateError,
            "PACTUM_ESTATE",
            "employee 'E1' is not employed on 2024-02-05, when this action is recorded (the database clock)",
            "员工“E1”在记录该操作的日期 2024-02-05(数据库时钟)不在职")


def test_voiding_a_working_contracts_number_is_refused(db, path):
    c = approved(db, contract(db, "30000.00"))
    refused(db, path, lambda: db.void_number(c.number, "作废"), pactum.StateError, "PACTUM_ESTATE",
            "number 'HT-2024-SD-0001' is the number of a contract that is active: only a draft's number can be voided",
            "编号“HT-2024-SD-0001”是一份处于 active 状态的合同的编号")
    draft = contract(db, "30000.00")
    db.void_number(draft.number, "录入错误")
    refused(db, path, lambda: db.submit(draft, by="E2", on=D(2024, 1, 11)), pactum.StateError, "PACTUM_ESTATE",
            "contract HT-2024-SD-0002 has a void number", "合同 HT-2024-SD-0002 的编号已作废")
