"""Approval routes from Python: the default table's routes, segregation of
duties, k of n, all, delegation, send back and resubmit, withdraw, reject,
escalation, with history and comments checked; refusals leave the database
unchanged."""

import datetime
import json
import sqlite3
from decimal import Decimal

import pytest

import pactum

D = datetime.date


def dump(path):
    """A logical dump: every table's rows, sorted, as text."""
    con = sqlite3.connect(path)
    out = []
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
        rows = sorted(repr(r) for r in con.execute(f'SELECT * FROM "{name}"'))
        out.append((name, rows))
    con.close()
    return out


def add_company(db):
    """HQ (manager G1, general manager) above SD (E1), FD (F1) and HR (H1)."""
    hired = D(2020, 1, 1)
    db.add_department("HQ", "总部")
    for code, name in (("SD", "销售部"), ("FD", "财务部"), ("HR", "人力资源部")):
        db.add_department(code, name, parent="HQ")
    for emp, name, dept, position in (
        ("G1", "王总", "HQ", "gm"), ("C1", "陈董", "HQ", "chair"), ("E1", "张三", "SD", "sales"),
        ("E2", "李四", "SD", "sales"), ("E3", "赵六", "SD", "sales"), ("F1", "钱七", "FD", "finance"),
        ("F2", "孙八", "FD", "finance"), ("F3", "周九", "FD", "finance"), ("H1", "吴十", "HR", "hr"),
    ):
        db.add_employee(emp, name, dept, position, hired=hired)
    for dept, manager in (("HQ", "G1"), ("SD", "E1"), ("FD", "F1"), ("HR", "H1")):
        db.set_department_manager(dept, manager)
    for f in ("F1", "F2", "F3"):
        db.assign_role(f, "finance")
    db.assign_role("H1", "hr")
    db.assign_role("G1", "general_manager")
    db.assign_role("C1", "chair")


def contract(db, amount, owner="E2", type="sales"):
    return db.create_contract(type=type, owner=owner, amount=Decimal(amount), signed=D(2024, 1, 10),
                              end=D(2024, 12, 31), counterparty="华东机械有限公司")


def one_rule(table_id, steps):
    return {"id": table_id, "version": 1, "inputs": [{"name": "amount", "type": "money"}],
            "rules": [{"id": "all", "route": steps}]}


@pytest.fixture
def path(tmp_path):
    return str(tmp_path / "approval.db")


@pytest.fixture
def db(path):
    with pactum.open(path) as handle:
        add_company(handle)
        yield handle


def refused(db, path, call, cls, code, en, zh):
    before = dump(path)
    for lang, text in (("en", en), ("zh-CN", zh)):
        db.lang = lang
        with pytest.raises(cls) as info:
            call()
        assert info.value.code == pactum.ERROR_CODES[code]
        assert text in str(info.value), str(info.value)
    db.lang = "en"
    assert dump(path) == before


# ---- 1. The default table ----------------------------------------------------------

def test_thirty_thousand_takes_one_step(db):
    c = contract(db, "30000.00")
    route = db.submit(c, by="E2", on=D(2024, 1, 11), comment="请审批")
    assert [s["approver"] for s in route["steps"]] == [{"role": "dept_manager"}]
    assert route["audit"]["table"] == "default" and route["audit"]["table_version"] == 1
    assert route["audit"]["matched_rules"] == ["under-50000"]
    assert route["audit"]["inputs"] == {"type": "sales", "amount": Decimal("30000")}
    assert route["status"] == "in_review" and route["round"] == 1 and route["current_step"] == 1
    assert db.contract(c).status == "pending_approval"
    assert db.current_approvers(c) == ["E1"]
    entry = db.approve(c, by="E1", comment="同意", on=D(2024, 1, 12))
    assert entry["action"] == "approved" and entry["actor"] == "E1" and entry["comment"] == "同意"
    assert entry["on"] == D(2024, 1, 12) and entry["step"] == 1
    done = db.contract(c)
    assert done.status == "active" and done.activated_on == D(2024, 1, 12)
    assert db.current_approvers(c) == []
    assert db.current_step(c) is None
    assert [e["type"] for e in db.events(c)] == ["created", "submitted", "approved", "activated"]
    assert [x.id for x in db.find_contracts(owner="E2", status="active")] == [c.id]


def test_eighty_thousand_then_finance(db):
    c = contract(db, "80000.00")
    route = db.submit(c, by="E2", on=D(2024, 1, 11))
    assert [s["approver"] for s in route["steps"]] == [{"role": "dept_manager"}, {"role": "finance"}]
    db.approve(c, by="E1", comment="部门同意", on=D(2024, 1, 12))
    step = db.current_step(c)
    assert step["number"] == 2 and step["opened_on"] == D(2024, 1, 12)
    assert db.current_approvers(c) == ["F1", "F2", "F3"]
    db.approve(c, by="F2", comment="财务同意", on=D(2024, 1, 15))
    assert db.contract(c).status == "active"
    history = db.approval_history(c)
    assert [(h["action"], h["actor"], h["comment"]) for h in history] == [
        ("submitted", "E2", ""), ("approved", "E1", "部门同意"), ("approved", "F2", "财务同意")]


def test_one_hundred_fifty_thousand_ends_with_the_general_manager(db):
    c = contract(db, "150000.00")
    route = db.submit(c, by="E2", on=D(2024, 1, 11))
    assert [s["approver"]["role"] for s in route["steps"]] == ["dept_manager", "finance", "general_manager"]
    db.approve(c, by="E1", on=D(2024, 1, 12))
    db.approve(c, by="F3", on=D(2024, 1, 13))
    assert db.current_approvers(c) == ["G1"]
    db.approve(c, by="G1", comment="批准", on=D(2024, 1, 14))
    assert db.contract(c).status == "active"
    assert db.approval_route(c)["status"] == "approved"


@pytest.mark.parametrize("amount", ["8000.00", "500000.00"])
def test_labour_contracts_go_through_hr(db, amount):
    c = contract(db, amount, type="labour")
    route = db.submit(c, by="E2", on=D(2024, 1, 11))
    assert [s["approver"]["role"] for s in route["steps"]] == ["dept_manager", "hr"]
    assert route["audit"]["matched_rules"] == ["labour"]
    db.approve(c, by="E1", on=D(2024, 1, 11))
    assert db.current_approvers(c) == ["H1"]
    db.approve(c, by="H1", on=D(2024, 1, 12))
    assert db.contract(c).status == "active"


# ---- 2. Segregation of duties ----------------------------------------------------

def test_a_department_managers_own_contract_goes_up(db, path):
    c = contract(db, "30000.00", owner="E1")
    route = db.submit(c, by="E1", on=D(2024, 1, 11))
    assert route["steps"][0]["approvers"][0]["employee"] == "G1"
    assert route["steps"][0]["approvers"][0]["origin"] == "rerouted"
    assert "E1" not in db.current_approvers(c)
    why = db.approval_history(c)[-1]
    assert why["action"] == "rerouted" and why["actor"] is None and why["approvers"] == ["G1"]
    assert why["reason"] == ("E1 owns the contract and may not approve it (segregation of duties); "
                             "the step goes to G1, manager of the parent department HQ")
    assert why["reasons"]["zh-CN"] == "E1 是合同负责人,不得审批(职责分离); 该步转交上级部门 HQ 的负责人 G1"
    refused(db, path, lambda: db.approve(c, by="E1", on=D(2024, 1, 12)), pactum.StateError,
            "PACTUM_ESEGREGATION", "E1 owns contract HT-2024-SD-0001 and may not approve",
            "E1 是合同 HT-2024-SD-0001 的负责人")
    db.approve(c, by="G1", on=D(2024, 1, 12))
    assert db.contract(c).status == "active"


def test_the_submitter_may_not_approve(db, path):
    c = contract(db, "30000.00")
    db.submit(c, by="E3", on=D(2024, 1, 11))
    refused(db, path, lambda: db.approve(c, by="E3", on=D(2024, 1, 12)), pactum.StateError,
            "PACTUM_ESEGREGATION", "E3 submitted contract HT-2024-SD-0001", "E3 提交了合同 HT-2024-SD-0001")
    refused(db, path, lambda: db.send_back(c, by="E2", on=D(2024, 1, 12)), pactum.StateError,
            "PACTUM_ESEGREGATION", "segregation of duties", "职责分离")


# ---- 3. Modes, delegation, send back, withdraw, reject, refusals -------------------

def test_two_of_three_finance_holders(db, path):
    db.load_routing(one_rule("committee", [{"role": "dept_manager"}, {"role": "finance", "mode": {"k": 2}}]))
    c = contract(db, "30000.00")
    db.submit(c, by="E2", on=D(2024, 1, 11))
    db.approve(c, by="E1", on=D(2024, 1, 12))
    assert db.current_step(c)["required"] == 2
    db.approve(c, by="F1", comment="第一票", on=D(2024, 1, 13))
    assert db.current_approvers(c) == ["F2", "F3"]
    assert db.contract(c).status == "pending_approval"
    refused(db, path, lambda: db.approve(c, by="F1", on=D(2024, 1, 14)), pactum.ConflictError,
            "PACTUM_ECONFLICT", "F1 already approved step 2 of contract HT-2024-SD-0001 on 2024-01-13",
            "F1 已于 2024-01-13 审批通过合同 HT-2024-SD-0001 的第 2 步")
    db.approve(c, by="F3", comment="第二票", on=D(2024, 1, 14))
    assert db.contract(c).status == "active"
    history = db.approval_history(c)
    assert [(h["actor"], h["comment"], h["step"]) for h in history[-2:]] == [("F1", "第一票", 2), ("F3", "第二票", 2)]


def test_all_mode_needs_every_approver(db):
    db.load_routing(one_rule("all", [{"role": "finance", "mode": "all"}]))
    c = contract(db, "30000.00")
    db.submit(c, by="E2", on=D(2024, 1, 11))
    db.approve(c, by="F1", on=D(2024, 1, 12))
    db.approve(c, by="F2", on=D(2024, 1, 12))
    assert db.current_approvers(c) == ["F3"]
    assert db.contract(c).status == "pending_approval"
    db.approve(c, by="F3", comment="最后", on=D(2024, 1, 12))
    assert db.contract(c).status == "active"
    assert db.approval_history(c)[-1]["comment"] == "最后"


def test_delegation_inside_and_outside_its_window(db, path):
    db.load_routing(one_rule("person", [{"person": "F1"}]))
    d = db.delegate("F1", "F2", D(2024, 1, 1), D(2024, 1, 15))
    assert d["person"] == "F1" and d["delegate"] == "F2" and d["end"] == D(2024, 1, 15)
    assert db.delegations("F2") == [d]
    c = contract(db, "30000.00")
    db.submit(c, by="E2", on=D(2024, 1, 11))
    inbox = db.inbox("F2", on=D(2024, 1, 12))
    assert [(i["contract"], i["on_behalf_of"]) for i in inbox] == [(c.id, "F1")]
    assert inbox[0]["amount"] == Decimal("30000") and inbox[0]["approver"] == {"person": "F1"}
    assert db.inbox("F2", on=D(2024, 1, 16)) == []
    refused(db, path, lambda: db.approve(c, by="F2", on=D(2024, 1, 16)), pactum.StateError,
            "PACTUM_ENOTAPPROVER", "F2 is not an approver of step 1 of contract HT-2024-SD-0001 on 2024-01-16",
            "F2 在 2024-01-16 不是合同 HT-2024-SD-0001 第 1 步的审批人")
    entry = db.approve(c, by="F2", comment="代钱七审批", on=D(2024, 1, 15))
    assert entry["actor"] == "F2" and entry["on_behalf_of"] == "F1" and entry["comment"] == "代钱七审批"
    assert db.approval_history(c)[-1]["on_behalf_of"] == "F1"
    assert db.contract(c).status == "active"
    db.revoke_delegation(d["id"])
    assert db.delegations() == []


def test_send_back_and_resubmit(db, path):
    c = contract(db, "80000.00")
    db.submit(c, by="E2", on=D(2024, 1, 11), comment="首次提交")
    db.approve(c, by="E1", on=D(2024, 1, 12))
    back = db.send_back(c, by="F1", comment="金额有误", on=D(2024, 1, 13))
    assert back["action"] == "sent_back" and back["step"] == 2
    assert db.contract(c).status == "draft"
    assert db.current_approvers(c) == []
    db.amend(c, "金额更正", amount=Decimal("30000.00"), installments=[], on=D(2024, 1, 14))
    again = db.submit(c, by="E2", on=D(2024, 1, 15), comment="已修改")
    assert again["round"] == 2 and again["audit"]["matched_rules"] == ["under-50000"]
    assert len(again["steps"]) == 1
    history = db.approval_history(c)
    assert [(h["round"], h["action"], h["comment"]) for h in history] == [
        (1, "submitted", "首次提交"), (1, "approved", ""), (1, "sent_back", "金额有误"), (2, "submitted", "已修改")]


def test_withdraw_by_the_submitter_only(db, path):
    c = contract(db, "80000.00")
    db.submit(c, by="E3", on=D(2024, 1, 11))
    refused(db, path, lambda: db.withdraw(c, by="E2", on=D(2024, 1, 12)), pactum.StateError,
            "PACTUM_ENOTAPPROVER", "only the submitter E3 may withdraw", "只有提交人 E3 可以撤回")
    entry = db.withdraw(c, by="E3", comment="客户暂缓", on=D(2024, 1, 12))
    assert entry["action"] == "withdrawn" and entry["comment"] == "客户暂缓"
    assert db.contract(c).status == "draft"
    assert db.approval_route(c)["status"] == "withdrawn"


def test_reject_then_resubmit(db, path):
    c = contract(db, "80000.00")
    db.submit(c, by="E2", on=D(2024, 1, 11))
    entry = db.reject(c, by="E1", comment="不符合政策", on=D(2024, 1, 12))
    assert entry["action"] == "rejected" and entry["comment"] == "不符合政策"
    assert db.contract(c).status == "rejected"
    refused(db, path, lambda: db.approve(c, by="E1", on=D(2024, 1, 13)), pactum.StateError,
            "PACTUM_ESTATE", "the approval route of contract HT-2024-SD-0001 has ended: rejected on 2024-01-12",
            "合同 HT-2024-SD-0001 的审批路线已结束")
    assert db.submit(c, by="E2", on=D(2024, 1, 20))["round"] == 2


def test_someone_not_current_and_a_route_that_ended(db, path):
    c = contract(db, "30000.00")
    refused(db, path, lambda: db.approve(c, by="E1", on=D(2024, 1, 12)), pactum.StateError, "PACTUM_ESTATE",
            "has never been submitted for approval", "从未提交审批")
    db.submit(c, by="E2", on=D(2024, 1, 11))
    refused(db, path, lambda: db.approve(c, by="F1", on=D(2024, 1, 12)), pactum.StateError,
            "PACTUM_ENOTAPPROVER", "(approvers: E1)", "(审批人:E1)")
    db.approve(c, by="E1", on=D(2024, 1, 12))
    refused(db, path, lambda: db.withdraw(c, by="E2", on=D(2024, 1, 13)), pactum.StateError, "PACTUM_ESTATE",
            "has ended: approved on 2024-01-12", "已结束")


# ---- 4. Escalation ----------------------------------------------------------------

def test_escalation_adds_the_target_once(db):
    db.load_routing(one_rule("deadline", [
        {"role": "dept_manager", "deadline_days": 3, "escalate_to": {"role": "chair"}}, {"role": "finance"}]))
    c = contract(db, "30000.00")
    db.submit(c, by="E2", on=D(2024, 1, 10))
    assert db.current_step(c)["due_on"] == D(2024, 1, 13)
    db.advance_to(D(2024, 1, 13))
    assert db.current_approvers(c) == ["E1"]
    db.advance_to(D(2024, 1, 20))
    assert db.current_approvers(c) == ["E1", "C1"]
    escalated = [e for e in db.events(c) if e["type"] == "approval_escalated"]
    assert len(escalated) == 1 and escalated[0]["effective"] == D(2024, 1, 14)
    assert escalated[0]["payload"]["added"] == ["C1"]
    entry = db.approval_history(c)[-1]
    assert entry["action"] == "escalated" and entry["approvers"] == ["C1"]
    assert entry["reason"] == "the deadline of step 1 (2024-01-13) has passed: escalated to chair"
    db.advance_to(D(2024, 2, 20))
    assert len([e for e in db.events(c) if e["type"] == "approval_escalated"]) == 1
    assert db.current_approvers(c) == ["E1", "C1"]
    assert db.inbox("C1")[0]["escalated"] is True
    db.approve(c, by="C1", comment="董事长批准")
    assert db.current_approvers(c) == ["F1", "F2", "F3"]
    assert db.approval_history(c)[-1]["on"] == D(2024, 2, 20)


# ---- 5. Back-dated actions and malformed input ------------------------------------

def test_approval_before_submission_is_refused(db, path):
    c = contract(db, "30000.00")
    db.submit(c, by="E2", on=D(2024, 1, 15))
    refused(db, path, lambda: db.approve(c, by="E1", on=D(2024, 1, 14)), pactum.ValidationError,
            "PACTUM_EINVALID", "approve on 2024-01-14 is dated before step 1 of contract HT-2024-SD-0001",
            "approve 的日期 2024-01-14 早于合同 HT-2024-SD-0001 第 1 步的开始日期 2024-01-15")
    other = contract(db, "1.00")
    refused(db, path, lambda: db.submit(other, by="E2", on=D(2024, 1, 9)), pactum.ValidationError,
            "PACTUM_EINVALID", "before the signing date 2024-01-10 of contract HT-2024-SD-0002",
            "早于合同 HT-2024-SD-0002 的签订日期 2024-01-10")


def test_malformed_arguments(db, path):
    c = contract(db, "30000.00")
    db.submit(c, by="E2", on=D(2024, 1, 11))
    refused(db, path, lambda: db.approve(c, by="E1", comment="a\x01b", on=D(2024, 1, 12)), pactum.ValidationError,
            "PACTUM_EINVALID", "control character", "控制字符")
    refused(db, path, lambda: db.approve(c, by=b"E\xff", on=D(2024, 1, 12)), pactum.ValidationError,
            "PACTUM_EINVALID", "not valid UTF-8", "UTF-8")
    refused(db, path, lambda: db.approve(c, by="NOBODY", on=D(2024, 1, 12)), pactum.NotFoundError,
            "PACTUM_ENOTFOUND", "unknown employee 'NOBODY'", "未知员工“NOBODY”")
    refused(db, path, lambda: db.approve("HT-NOPE", by="E1"), pactum.NotFoundError, "PACTUM_ENOTFOUND",
            "HT-NOPE", "HT-NOPE")
    refused(db, path, lambda: db.delegate("F1", "F1", D(2024, 1, 1), D(2024, 1, 2)), pactum.ValidationError,
            "PACTUM_EINVALID", "F1 cannot delegate to themselves", "F1 不能授权给自己")
    refused(db, path, lambda: db.revoke_delegation(42), pactum.NotFoundError, "PACTUM_ENOTFOUND",
            "no delegation 42", "没有授权 42")
    with pytest.raises(TypeError):
        db.approve(c, by=42)
    with pytest.raises(TypeError):
        db.approve(c, by="E1", on=1.5)
    with pytest.raises(pactum.NotFoundError):
        db.approval_route(contract(db, "10.00"))
    assert db.approval_history(contract(db, "11.00")) == []


def test_the_route_documents_its_evaluation(db):
    c = contract(db, "75000.00")
    route = db.submit(c, by="E2", on=D(2024, 1, 11))
    assert route == db.approval_route(c)
    assert route["audit"]["hit_policy"] == "UNIQUE"
    assert route["steps"][1]["opened_on"] is None and route["steps"][1]["approvers"] == []
    submitted = [e for e in db.events(c) if e["type"] == "submitted"][0]
    assert submitted["actor"] == "E2" and submitted["value"] == 1
    assert submitted["payload"]["audit"]["matched_rules"] == ["50000-to-100000"]
    assert json.loads(json.dumps(submitted["payload"]))["round"] == 1
