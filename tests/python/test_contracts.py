"""The org directory, contracts and the event log from Python."""

import datetime
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
    db.add_department("SD", "销售部")
    db.add_department("HR", "人力资源部")
    db.add_employee("E1", "张三", "SD", "sales", hired=D(2020, 1, 1))
    db.add_employee("E2", "李四", "SD", "sales", hired=D(2021, 6, 1), manager="E1")
    db.add_employee("E3", "王五", "HR", "hr")
    db.set_department_manager("SD", "E1")


def sales(db, amount="1000.00", **kw):
    args = dict(
        type="sales",
        owner="E1",
        amount=Decimal(amount) if isinstance(amount, str) else amount,
        signed=D(2024, 1, 10),
        end=D(2024, 12, 31),
        delivery_due=D(2024, 3, 1),
        counterparty="华东机械有限公司",
    )
    args.update(kw)
    return db.create_contract(**args)


@pytest.fixture
def path(tmp_path):
    return str(tmp_path / "company.db")


@pytest.fixture
def db(path):
    with pactum.open(path) as handle:
        add_company(handle)
        yield handle


def test_create_contract_returns_a_contract_object(db):
    c = sales(db, installments=[(D(2024, 2, 1), Decimal("300.00")), {"due": D(2024, 3, 1), "amount": "700.00"}])
    assert isinstance(c, pactum.Contract)
    assert c.id == 1
    assert c.number == "HT-2024-SD-0001"
    assert c.status == "draft"
    assert c.department == "SD"
    assert c.amount == Decimal("1000.00") and c.currency == "CNY"
    assert c.money == pactum.Money("1000", "CNY")
    assert c.installments == [(D(2024, 2, 1), Decimal("300")), (D(2024, 3, 1), Decimal("700"))]
    assert c.signed == D(2024, 1, 10) and c.start == D(2024, 1, 10) and c.end == D(2024, 12, 31)
    assert db.contract(c.id) == c
    assert db.contract("HT-2024-SD-0001") == c
    assert db.contract(c) == c
    assert c.to_dict()["number"] == c.number
    assert "HT-2024-SD-0001" in repr(c)


def test_number_fields_come_from_the_directory(db):
    db.define_numbering("named", "HT-{year}-{dept_name}-{employee_name}-{seq:3}")
    assert sales(db, numbering="named").number == "HT-2024-销售部-张三-001"
    db.define_numbering("typed", "{type}-{year}-{dept}-{seq:3}")
    assert sales(db, numbering="typed", fields={"type": "XSC"}).number == "XSC-2024-SD-001"


def test_a_failed_insert_gives_the_number_back_and_changes_nothing(path, db):
    con = sqlite3.connect(path)
    con.execute(
        "CREATE TRIGGER fail_insert BEFORE INSERT ON contracts WHEN NEW.counterparty = 'FAIL' "
        "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
    )
    con.commit()
    con.close()
    before = dump(path)
    with pytest.raises(pactum.StorageError):
        sales(db, counterparty="FAIL")
    assert dump(path) == before
    assert sales(db).number == "HT-2024-SD-0001"
    with pytest.raises(RuntimeError):
        with db.transaction():
            assert sales(db).number == "HT-2024-SD-0002"
            raise RuntimeError("roll back")
    assert sales(db).number == "HT-2024-SD-0002"


def test_foreign_currency_uses_the_rate_of_the_signing_date(db):
    db.set_exchange_rate("USD", rate=Decimal("7.10"), on=D(2024, 1, 1))
    c = sales(db, amount="1000.01", currency="USD")
    assert c.currency == "USD"
    assert c.exchange_rate == Decimal("7.10")
    assert c.reporting_amount == Decimal("7100.07")
    assert sales(db, amount=pactum.Money("5", "USD")).currency == "USD"
    assert db.exchange_rate("USD", D(2024, 6, 1)) == Decimal("7.10")


def test_attributes_are_typed(db):
    c = sales(
        db,
        attributes={
            "budget": pactum.Money("120000.00", "CNY"),
            "progress": Decimal("0.35"),
            "region": "华东",
            "kickoff": D(2024, 1, 15),
            "framework": True,
        },
    )
    assert c.attributes == {
        "budget": pactum.Money("120000", "CNY"),
        "progress": Decimal("0.35"),
        "region": "华东",
        "kickoff": D(2024, 1, 15),
        "framework": True,
    }
    with pytest.raises(TypeError):
        sales(db, attributes={"ratio": 0.5})


def test_the_same_payment_twice_changes_nothing(path, db):
    c = sales(db)
    db.activate(c, on=D(2024, 1, 10))
    first = db.record_payment(c, Decimal("300.00"), D(2024, 2, 1), ref="BANK-1")
    assert first["type"] == "payment_received" and first["amount"] == Decimal("300.00")
    assert first["source"] == "finance" and first["key"] == "BANK-1"
    before = dump(path)
    assert db.record_payment(c.number, Decimal("300.00"), D(2024, 2, 1), ref="BANK-1") == first
    assert dump(path) == before
    with pytest.raises(pactum.ConflictError) as info:
        db.record_payment(c.id, Decimal("300.01"), D(2024, 2, 1), ref="BANK-1")
    assert info.value.code == pactum.ERROR_CODES["PACTUM_ECONFLICT"]
    assert "BANK-1" in str(info.value)
    assert dump(path) == before
    assert db.contract(c).collected == Decimal("300.00")


def test_an_instalment_due_on_the_as_of_date_has_passed(db):
    c = sales(db, installments=[(D(2024, 2, 1), "400.00"), (D(2024, 3, 1), "600.00")])
    db.activate(c, on=D(2024, 1, 10))
    db.record_payment(c, Decimal("400.00"), D(2024, 2, 1), ref="P1")
    assert db.execution(c, as_of=D(2024, 2, 1))["overdue"] == []
    assert db.execution(c, as_of=D(2024, 2, 29))["overdue"] == []
    assert [i["position"] for i in db.execution(c, as_of=D(2024, 3, 1))["overdue"]] == [2]


def test_facts_through_the_event_registry(db):
    c = sales(db)
    db.activate(c, on=D(2024, 1, 12))
    registry = pactum.event_types()
    assert [t["code"] for t in registry] == sorted(t["code"] for t in registry)
    assert {t["name"]: t["code"] for t in registry} == pactum.EVENT_TYPES
    facts = [t["name"] for t in registry if t["shape"] == "reason"]
    assert {"dispute", "breach"} <= set(facts)
    for name in facts:
        e = db.record_fact(c, name, on=D(2024, 2, 1), reason="原因", key=f"k-{name}")
        assert e["type"] == name and e["reason"] == "原因"
        assert db.record_fact(c, name, on=D(2024, 2, 1), reason="原因", key=f"k-{name}") == e
    assert db.contract(c).status == "breached"
    # The generic document, as a dict or as text.
    e = db.record_event({"version": 1, "type": "payment_received", "contract": c.number, "amount": "100.00",
                         "on": "2024-02-02", "ref": "BANK-1"})
    assert e["amount"] == Decimal("100.00")
    assert db.record_event('{"version":1,"type":"dispute","contract":%d,"on":"2024-02-03"}' % c.id)["type"] == "dispute"
    before = db.events(c)
    with pytest.raises(pactum.ValidationError) as info:
        db.record_fact(c, "payment_received", on=D(2024, 2, 4))
    assert info.value.key == "event.not_a_fact"
    with pytest.raises(pactum.ValidationError):
        db.record_fact(c, "nonsense")
    with pytest.raises(pactum.ValidationError):
        db.record_event("{not json")
    with pytest.raises(TypeError):
        db.record_event(42)
    assert db.events(c) == before


def test_lifecycle_events_and_execution(db):
    c = sales(db, installments=[(D(2024, 2, 1), "300.00"), (D(2024, 3, 1), "700.00")])
    assert db.activate(c, on=D(2024, 1, 12), actor="E3")["type"] == "activated"
    db.record_payment(c, Decimal("300.00"), D(2024, 1, 31), ref="P1")
    db.record_payment(c, pactum.Money("200.00", "CNY"), D(2024, 3, 1), ref="P2")
    db.reverse_payment("P2", on=D(2024, 3, 5))
    db.record_delivery(c, on=D(2024, 3, 4), accepted=False, note="划痕")
    db.record_delivery(c, on=D(2024, 3, 6))
    db.record_satisfaction(c, 90, on=D(2024, 3, 10))
    db.record_dispute(c, on=D(2024, 3, 11), reason="付款条款")
    x = db.execution(c, as_of=D(2024, 3, 31))
    assert x["collected"] == Decimal("300.00")
    assert x["outstanding"] == Decimal("700.00")
    assert x["collection_rate"] == Decimal("0.3")
    assert [i["position"] for i in x["overdue"]] == [2]
    assert x["installments"][0]["paid_in_full_on"] == D(2024, 1, 31)
    assert x["delivered_on"] == D(2024, 3, 6)
    assert x["delivery_late_days"] == 5
    assert x["satisfaction_average"] == Decimal("90")
    assert x["disputes"] == 1
    amended = db.amend(c, "延期", end=D(2025, 6, 30), attributes={"actual": pactum.Money("900", "CNY")}, on=D(2024, 4, 1))
    assert amended["reason"] == "延期"
    assert amended["payload"]["end"] == {"from": "2024-12-31", "to": "2025-06-30"}
    assert db.record_breach(c, on=D(2024, 4, 2), reason="late")["type"] == "breach"
    assert db.contract(c).status == "breached"
    successor = db.renew(c, signed=D(2024, 12, 1))
    assert successor.renews == c.id and db.contract(c).renewed_by == successor.id
    db.terminate(c, "客户破产", on=D(2024, 12, 31))
    assert db.contract(c).status == "terminated"
    types = [e["type"] for e in db.events(c)]
    assert types == [
        "created", "activated", "payment_received", "payment_received", "payment_reversed", "delivered",
        "delivered", "satisfaction", "dispute", "amended", "breach", "renewed", "terminated",
    ]
    assert pactum.EVENT_TYPES["payment_received"] == 3


def test_find_contracts(db):
    a = sales(db)
    b = sales(db, owner="E3", counterparty="100% 纯_棉", type="procurement")
    db.activate(a, on=D(2024, 1, 10))
    assert [c.id for c in db.find_contracts(owner="E3")] == [b.id]
    assert [c.id for c in db.find_contracts(status="active")] == [a.id]
    assert [c.id for c in db.find_contracts(department="HR")] == [b.id]
    assert [c.id for c in db.find_contracts(counterparty="100% 纯_棉")] == [b.id]
    assert db.find_contracts(counterparty="100_ 纯%棉") == []
    assert [c.id for c in db.find_contracts(prefix="HT-2024-SD")] == [a.id]
    assert [c.id for c in db.find_contracts(prefix="HT-2024", limit=1, after=a)] == [b.id]


def test_the_clock(db):
    c = sales(db)
    db.activate(c, on=D(2024, 1, 10))
    assert db.clock is None
    e = db.advance_to(D(2024, 3, 1))
    assert e["type"] == "clock_advanced" and e["contract"] is None
    assert db.today() == D(2024, 3, 1)
    assert db.advance_to(D(2024, 3, 1)) == e
    assert db.record_payment(c, Decimal("1"), ref="P")["effective"] == D(2024, 3, 1)
    with pytest.raises(pactum.ValidationError):
        db.advance_to(D(2024, 2, 1))


def test_org_directory(db):
    db.transfer("E2", "HR", on=D(2024, 4, 1))
    assert db.department_of("E2", D(2024, 3, 31)) == "SD"
    assert db.department_of("E2", D(2024, 4, 1)) == "HR"
    assert [p["from"] for p in db.postings("E2")] == [None, D(2024, 4, 1)]
    assert db.employee("E2", on=D(2024, 5, 1))["department"] == "HR"
    assert [e["id"] for e in db.employees("SD", on=D(2024, 5, 1))] == ["E1"]
    assert db.department("SD")["manager"] == "E1"
    db.assign_role("E3", "finance")
    db.assign_role("E2", "finance", department="SD")
    assert db.role_holders("finance", department="SD") == ["E2"]
    assert db.role_holders("finance", department="HR") == ["E3"]
    db.revoke_role("E2", "finance", department="SD", on=D(2024, 6, 1))
    assert db.role_holders("finance", department="SD", on=D(2024, 6, 1)) == ["E3"]
    assert db.roles_of("E2")[0]["until"] == D(2024, 6, 1)
    db.set_employee_manager("E3", "E1")
    assert db.employee("E3")["manager"] == "E1"
    db.deactivate_employee("E3", on=D(2024, 7, 1))
    assert db.employee("E3", on=D(2024, 7, 1))["active"] is False
    assert [d["code"] for d in db.departments()] == ["HR", "SD"]


NAMES = ["'); DROP TABLE contracts;--", "100%", "a_b", "销售部", "営業部", "🚀 Rocket", 'O\'Brien "Bob"']


def test_strings_are_data(db):
    for i, name in enumerate(NAMES):
        db.add_department(f"D{i}", name)
        db.add_employee(name, name, f"D{i}", name, hired=D(2020, 1, 1))
        assert db.department(f"D{i}")["name"] == name
        assert db.employee(name)["name"] == name
        c = sales(db, owner=name, counterparty=name, attributes={"note": name})
        again = db.contract(c.id)
        assert again.counterparty == name and again.owner == name and again.attributes["note"] == name
        assert [x.id for x in db.find_contracts(counterparty=name)] == [c.id]
    assert len(db.find_contracts()) == len(NAMES)


def test_float_money_is_a_type_error(db):
    with pytest.raises(TypeError):
        sales(db, amount=1000.0)
    c = sales(db)
    db.activate(c, on=D(2024, 1, 10))
    with pytest.raises(TypeError):
        db.record_payment(c, 1.5, D(2024, 2, 1), ref="F")


# ---- Every validation: code, English and Chinese message, unchanged database ----

BAD_UTF8 = "\udcff"


def _setup(db):
    draft = sales(db).id
    active = sales(db).id
    db.activate(active, on=D(2024, 1, 10))
    done = sales(db, amount="10.00").id
    db.activate(done, on=D(2024, 1, 10))
    db.complete(done, on=D(2024, 6, 30))
    db.record_payment(active, Decimal("100.00"), D(2024, 2, 1), ref="P1")
    db.record_payment(active, Decimal("100.00"), D(2024, 2, 1), ref="P2")
    db.reverse_payment("P2", on=D(2024, 2, 5))
    db.advance_to(D(2024, 6, 1))
    return draft, active, done


CASES = [
    ("unknown contract", lambda db, d, a, c: db.record_payment(999, Decimal("1"), D(2024, 3, 1), ref="X"),
     pactum.NotFoundError, "PACTUM_ENOTFOUND", "unknown contract 999", "未知合同 999"),
    ("unknown contract number", lambda db, d, a, c: db.activate("HT-2099-ZZ-0001"),
     pactum.NotFoundError, "PACTUM_ENOTFOUND", "unknown contract HT-2099-ZZ-0001", "未知合同"),
    ("unknown employee", lambda db, d, a, c: sales(db, owner="E9"),
     pactum.NotFoundError, "PACTUM_ENOTFOUND", "unknown employee 'E9'", "未知员工“E9”"),
    ("unknown department", lambda db, d, a, c: db.add_employee("E9", "x", "ZZ", "sales"),
     pactum.NotFoundError, "PACTUM_ENOTFOUND", "unknown department 'ZZ'", "未知部门“ZZ”"),
    ("currency mismatch", lambda db, d, a, c: db.record_payment(a, pactum.Money("1", "USD"), D(2024, 3, 1), ref="X"),
     pactum.ValidationError, "PACTUM_ECURRENCY", "the payment is in USD", "回款货币是 USD"),
    ("missing exchange rate", lambda db, d, a, c: sales(db, currency="EUR"),
     pactum.ValidationError, "PACTUM_ECURRENCY", "no exchange rate from EUR", "EUR 兑 CNY 的汇率"),
    ("payment before signing", lambda db, d, a, c: db.record_payment(a, Decimal("1"), D(2024, 1, 9), ref="X"),
     pactum.ValidationError, "PACTUM_EINVALID", "before the signing date 2024-01-10", "早于合同"),
    ("payment beyond outstanding", lambda db, d, a, c: db.record_payment(a, Decimal("900.01"), D(2024, 3, 1), ref="X"),
     pactum.ValidationError, "PACTUM_EINVALID", "exceeds the 900.00 CNY outstanding", "超过合同"),
    ("zero payment", lambda db, d, a, c: db.record_payment(a, Decimal("0"), D(2024, 3, 1), ref="X"),
     pactum.ValidationError, "PACTUM_EINVALID", "must be positive", "必须为正数"),
    ("negative payment", lambda db, d, a, c: db.record_payment(a, Decimal("-1"), D(2024, 3, 1), ref="X"),
     pactum.ValidationError, "PACTUM_EINVALID", "must be positive", "必须为正数"),
    ("overflowing amount", lambda db, d, a, c: db.record_payment(a, Decimal("1e30"), D(2024, 3, 1), ref="X"),
     pactum.ValidationError, "PACTUM_EOVERFLOW", "out of range", "超出范围"),
    ("negative contract amount", lambda db, d, a, c: sales(db, amount="-5"),
     pactum.ValidationError, "PACTUM_EINVALID", "must be positive", "必须为正数"),
    ("instalments short", lambda db, d, a, c: sales(db, installments=[(D(2024, 2, 1), "999.99")]),
     pactum.ValidationError, "PACTUM_EINVALID", "0.01 short", "少 0.01"),
    ("reversal of an unknown payment", lambda db, d, a, c: db.reverse_payment("NOPE"),
     pactum.NotFoundError, "PACTUM_ENOTFOUND", "no payment with ref 'NOPE'", "没有编号为“NOPE”的回款"),
    ("reversal already made", lambda db, d, a, c: db.reverse_payment("P2", on=D(2024, 3, 1)),
     pactum.ConflictError, "PACTUM_ECONFLICT", "already reversed on 2024-02-05", "已于 2024-02-05 冲销"),
    ("reversal before the payment", lambda db, d, a, c: db.reverse_payment("P1", on=D(2024, 1, 31)),
     pactum.ValidationError, "PACTUM_EINVALID", "before the payment on 2024-02-01", "早于回款日期"),
    ("payment on a draft", lambda db, d, a, c: db.record_payment(d, Decimal("1"), D(2024, 3, 1), ref="X"),
     pactum.StateError, "PACTUM_ESTATE", "needs an activated contract", "需要已生效的合同"),
    ("delivery on a closed contract", lambda db, d, a, c: db.record_delivery(c, on=D(2024, 7, 1)),
     pactum.StateError, "PACTUM_ESTATE", "is not accepted after it closed", "结束后不能再登记"),
    ("activate twice", lambda db, d, a, c: db.activate(a),
     pactum.StateError, "PACTUM_ESTATE", "activate is not allowed", "不允许 activate"),
    ("end before signing", lambda db, d, a, c: sales(db, start=D(2024, 1, 1), end=D(2024, 1, 9)),
     pactum.ValidationError, "PACTUM_EINVALID", "before the signing date", "早于签订日期"),
    ("termination before signing", lambda db, d, a, c: db.terminate(a, "x", on=D(2024, 1, 9)),
     pactum.ValidationError, "PACTUM_EINVALID", "before the signing date", "早于合同"),
    ("clock backwards", lambda db, d, a, c: db.advance_to(D(2024, 5, 31)),
     pactum.ValidationError, "PACTUM_EINVALID", "cannot move back to 2024-05-31", "不能回退到 2024-05-31"),
    ("satisfaction above 100", lambda db, d, a, c: db.record_satisfaction(a, 101, on=D(2024, 3, 1)),
     pactum.ValidationError, "PACTUM_EINVALID", "outside 0..100", "不在 0..100 范围内"),
    ("invalid UTF-8", lambda db, d, a, c: sales(db, counterparty="abc" + BAD_UTF8),
     pactum.ValidationError, "PACTUM_EINVALID", "not valid UTF-8", "UTF-8"),
    ("invalid UTF-8 ref", lambda db, d, a, c: db.record_payment(a, Decimal("1"), D(2024, 3, 1), ref=BAD_UTF8),
     pactum.ValidationError, "PACTUM_EINVALID", "not valid UTF-8", "UTF-8"),
    ("empty name", lambda db, d, a, c: db.add_department("QA", ""),
     pactum.ValidationError, "PACTUM_EINVALID", "'name' must not be empty", "“name”不能为空"),
    ("blank counterparty", lambda db, d, a, c: sales(db, counterparty="  "),
     pactum.ValidationError, "PACTUM_EINVALID", "must not be blank", "不能全是空白"),
    ("same key other amount", lambda db, d, a, c: db.record_payment(a, Decimal("100.01"), D(2024, 2, 1), ref="P1"),
     pactum.ConflictError, "PACTUM_ECONFLICT", "key 'P1' of source 'finance'", "幂等键“P1”"),
    ("amount change without schedule", lambda db, d, a, c: db.amend(a, "x", amount=Decimal("2000")),
     pactum.ValidationError, "PACTUM_EINVALID", "needs a new instalment schedule", "新的分期付款计划"),
    ("transfer before hire", lambda db, d, a, c: db.transfer("E2", "HR", on=D(2021, 1, 1)),
     pactum.ValidationError, "PACTUM_EINVALID", "before the hire date", "早于入职日期"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_validation_refuses_with_code_messages_and_no_change(path, db, case):
    _, call, cls, code, en, zh = case
    draft, active, done = _setup(db)
    before = dump(path)
    db.lang = "en"
    with pytest.raises(cls) as info:
        call(db, draft, active, done)
    assert info.value.code == pactum.ERROR_CODES[code]
    assert en in str(info.value)
    db.lang = "zh-CN"
    with pytest.raises(cls) as info:
        call(db, draft, active, done)
    assert zh in str(info.value)
    assert dump(path) == before


# ---- The command line: pactum contract show|list ----

def _cli(pactum_cli, *args):
    import subprocess

    return subprocess.run([pactum_cli, *args], capture_output=True, text=True)


def test_cli_contract_show_and_list(pactum_cli, path, db):
    import json

    c = sales(db, installments=[(D(2024, 2, 1), "300.00"), (D(2024, 3, 1), "700.00")], attributes={"region": "华东"})
    db.activate(c, on=D(2024, 1, 10))
    db.record_payment(c, Decimal("300.00"), D(2024, 2, 1), ref="P1")
    sales(db, owner="E3", type="procurement", counterparty="供应商 A")
    shown = _cli(pactum_cli, "--db", path, "contract", "show", c.number, "--as-of", "2024-03-31")
    assert shown.returncode == 0, shown.stderr
    assert "HT-2024-SD-0001 (id 1): sales contract, active" in shown.stdout
    assert "collected 300.00 CNY, outstanding 700.00 CNY, collection rate 0.300000, 1 instalment(s) overdue, 0 paid late" in shown.stdout
    assert "payment_received\t300.00\tfinance:P1" in shown.stdout
    assert "attribute region (text): 华东" in shown.stdout
    by_id = _cli(pactum_cli, "--db", path, "--lang", "zh-CN", "contract", "show", "1")
    assert "HT-2024-SD-0001(id 1):sales 合同,状态 active" in by_id.stdout
    doc = json.loads(_cli(pactum_cli, "--db", path, "contract", "show", "1", "--format", "json").stdout)
    assert doc["version"] == 1 and doc["number"] == c.number and doc["collected"] == "300.00"
    listed = _cli(pactum_cli, "--db", path, "contract", "list")
    lines = listed.stdout.splitlines()
    assert lines[0].startswith("number\tstatus")
    assert [line.split("\t")[0] for line in lines[1:]] == ["HT-2024-SD-0001", "HT-2024-HR-0001"]
    mine = json.loads(_cli(pactum_cli, "--db", path, "contract", "list", "--owner", "E3", "--format", "json").stdout)
    assert [x["number"] for x in mine["contracts"]] == ["HT-2024-HR-0001"]
    active = _cli(pactum_cli, "--db", path, "contract", "list", "--status", "active", "--prefix", "HT-2024")
    assert len(active.stdout.splitlines()) == 2
    # Paid in full after its due date: paid late, no longer overdue, and the summary says the same.
    db.record_payment(c, Decimal("700.00"), D(2024, 3, 10), ref="P2")
    later = _cli(pactum_cli, "--db", path, "contract", "show", c.number, "--as-of", "2024-03-31")
    assert "paid 700.00 (paid late, 9 day(s))" in later.stdout, later.stdout
    assert "(overdue)" not in later.stdout
    assert "collection rate 1.000000, 0 instalment(s) overdue, 1 paid late" in later.stdout


def test_cli_contract_errors(pactum_cli, path, db, tmp_path):
    missing = _cli(pactum_cli, "--db", path, "contract", "show", "HT-2099-XX-0001")
    assert missing.returncode == 1
    assert "PACTUM_ENOTFOUND" in missing.stderr and "HT-2099-XX-0001" in missing.stderr
    assert _cli(pactum_cli, "--db", path, "contract", "list", "--format", "xml").returncode == 2
    assert _cli(pactum_cli, "--db", path, "contract", "frobnicate").returncode == 2
    assert _cli(pactum_cli, "contract", "list").returncode == 2
    nowhere = str(tmp_path / "nowhere.db")
    assert _cli(pactum_cli, "--db", nowhere, "contract", "list").returncode == 1
    assert not (tmp_path / "nowhere.db").exists()
    bad_status = _cli(pactum_cli, "--db", path, "contract", "list", "--status", "archived")
    assert bad_status.returncode == 1 and "PACTUM_EINVALID" in bad_status.stderr
