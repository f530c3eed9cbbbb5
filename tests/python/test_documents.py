"""One document per record: the dicts of Python and the JSON of the command
line (and the C API) carry the same members with the same values; Python
keeps the types (Decimal, date, Fraction, pactum.Money) that JSON writes as
text."""

import datetime
import json
import subprocess
from decimal import Decimal
from fractions import Fraction

import pytest

import pactum

D = datetime.date


def same_document(py, js, where="$"):
    """Asserts that a Python value and its JSON rendering say the same thing."""
    if isinstance(js, dict) and set(js) == {"type", "value"} and not isinstance(py, dict):
        # A contract attribute: typed in Python, tagged in JSON.
        kind, text = js["type"], js["value"]
        if kind == "money":
            amount, currency = text.split(" ")
            assert isinstance(py, pactum.Money) and py == pactum.Money(amount, currency), where
        elif kind == "boolean":
            assert py is (text == "true"), where
        elif kind == "decimal":
            assert isinstance(py, Decimal) and py == Decimal(text), where
        elif kind == "date":
            assert isinstance(py, D) and py.isoformat() == text, where
        else:
            assert kind == "text" and py == text, where
    elif isinstance(py, dict):
        assert isinstance(js, dict), where
        assert set(py) == set(js) - {"version"}, where
        for k in py:
            same_document(py[k], js[k], f"{where}.{k}")
    elif isinstance(py, list):
        assert isinstance(js, list) and len(py) == len(js), where
        for i, (a, b) in enumerate(zip(py, js)):
            same_document(a, b, f"{where}[{i}]")
    elif isinstance(py, bool) or py is None or isinstance(py, (int, str)):
        assert py == js, where
    elif isinstance(py, Decimal):
        assert isinstance(js, str) and Decimal(js) == py, where
    elif isinstance(py, Fraction):
        assert js == str(py), where
    elif isinstance(py, D):
        assert js == py.isoformat(), where
    else:
        pytest.fail(f"{where}: unexpected {type(py).__name__}")


@pytest.fixture
def path(tmp_path):
    return str(tmp_path / "company.db")


@pytest.fixture
def db(path):
    with pactum.open(path) as handle:
        handle.add_department("SD", "销售部")
        handle.add_employee("E1", "张三", "SD", "sales", hired=D(2020, 1, 1))
        yield handle


def cli_json(cli, *args):
    r = subprocess.run([cli, *args, "--format", "json"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def contract(db):
    c = db.create_contract(type="sales", owner="E1", amount=Decimal("1000.125"), signed=D(2024, 1, 10),
                           end=D(2024, 12, 31), counterparty="华东机械有限公司",
                           installments=[(D(2024, 2, 1), "300.125"), (D(2024, 3, 1), "700")],
                           attributes={"region": "华东", "budget": pactum.Money("5.5", "USD"),
                                       "rate": Decimal("0.125"), "review": D(2024, 6, 30), "paper": True})
    db.activate(c, on=D(2024, 1, 10))
    return c


def test_a_contract_dict_is_the_json_document(pactum_cli, path, db):
    c = contract(db)
    py = db.contract(c).to_dict()
    js = cli_json(pactum_cli, "--db", path, "contract", "show", c.number)
    # Attributes keep their type in Python and are tagged in JSON.
    attributes, tagged = py.pop("attributes"), js.pop("attributes")
    assert attributes == {"region": "华东", "budget": pactum.Money("5.5", "USD"), "rate": Decimal("0.125"),
                          "review": D(2024, 6, 30), "paper": True}
    assert tagged["budget"] == {"type": "money", "value": "5.50 USD"}
    assert tagged["paper"] == {"type": "boolean", "value": "true"}
    assert set(tagged) == set(attributes)
    same_document(py, js)
    assert py["installments"] == [{"due": D(2024, 2, 1), "amount": Decimal("300.125")},
                                  {"due": D(2024, 3, 1), "amount": Decimal("700")}]
    assert py["reporting_currency"] == "CNY" and py["amount"] == Decimal("1000.125")
    assert db.contract(c).attributes == attributes


def test_events_and_execution(pactum_cli, path, db):
    c = contract(db)
    db.record_payment(c, Decimal("300.125"), D(2024, 2, 1), ref="P1")
    recorded = cli_json(pactum_cli, "--db", path, "record",
                        '{"version":1,"type":"breach","contract":1,"on":"2024-03-05","reason":"交付延误"}')
    events = db.events(c)
    same_document(events[-1], recorded)
    paid = next(e for e in events if e["type"] == "payment_received")
    assert paid["amount"] == Decimal("300.125") and paid["currency"] == "CNY"
    listed = cli_json(pactum_cli, "--db", path, "contract", "list")
    same_document([db.contract(c).to_dict()], listed["contracts"])

    x = db.execution(c, as_of=D(2024, 3, 31))
    assert x["collection_ratio"] == Fraction(300125, 1000125)
    assert [i["position"] for i in x["overdue"]] == [2]
    assert x["overdue"] == [i for i in x["installments"] if i["overdue"]]


def test_the_org_directory(db):
    db.add_employee("E2", "李四", "SD", "sales", hired=D(2021, 6, 1), manager="E1")
    db.assign_role("E2", "finance", department="SD", on=D(2024, 1, 1))
    assert db.employee("E2", on=D(2024, 1, 1)) == {
        "id": "E2", "name": "李四", "department": "SD", "position": "sales", "manager": "E1",
        "hired": D(2021, 6, 1), "left": None, "active": True}
    assert db.department("SD") == {"code": "SD", "name": "销售部", "parent": None, "manager": None}
    assert db.postings("E2") == [{"department": "SD", "position": "sales", "from": None}]
    assert db.roles_of("E2") == [
        {"employee": "E2", "role": "finance", "department": "SD", "from": D(2024, 1, 1), "until": None}]


def test_contract_arguments_are_converted_once(db):
    c = contract(db)
    assert db.contract(c) == db.contract(c.id) == db.contract(c.number)
    with pytest.raises(TypeError, match="contract: expected a pactum.Contract, an int id or a str number, got float"):
        db.contract(1.0)
    with pytest.raises(TypeError, match="got NoneType"):
        db.execution(None)
    with pytest.raises(pactum.NotFoundError):
        db.contract("HT-NONE")
    assert db.contract(c).end == D(2024, 12, 31) and db.contract(c).delivery_due is None


def test_approval_rounds_are_the_json_documents(pactum_cli, tmp_path):
    from test_approval import add_company

    path = str(tmp_path / "approval.db")
    with pactum.open(path) as db:
        add_company(db)
        db.create_contract(type="sales", owner="E2", amount=Decimal("80000.00"), signed=D(2024, 1, 10),
                           end=D(2024, 12, 31), counterparty="华东机械有限公司")
    submitted = cli_json(pactum_cli, "--db", path, "route", "submit", "1", "--by", "E2", "--on", "2024-01-11")
    cli_json(pactum_cli, "--db", path, "route", "approve", "1", "--by", "E1", "--on", "2024-01-12")
    current = cli_json(pactum_cli, "--db", path, "route", "current", "1")
    history = cli_json(pactum_cli, "--db", path, "--lang", "zh-CN", "route", "history", "1")
    inbox = cli_json(pactum_cli, "--db", path, "route", "inbox", "F1", "--on", "2024-01-12")
    with pactum.open(path, lang="zh-CN") as db:
        route = db.approval_route(1)
        assert route["audit"]["inputs"]["amount"] == Decimal("80000.00")
        assert submitted["audit"]["inputs"]["amount"] == "80000.00"
        # The round as submitted: its first step has moved on since.
        same_document({k: v for k, v in route.items() if k not in ("steps", "current_step")},
                      {k: v for k, v in submitted.items() if k not in ("steps", "current_step")})
        assert len(route["steps"]) == len(submitted["steps"]) == 2
        same_document(db.current_step(1), current["step"])
        same_document(db.approval_history(1), history["history"])
        assert history["history"][0]["reason"] is None
        same_document(db.inbox("F1", on=D(2024, 1, 12)), inbox["items"])
        assert [i["step"] for i in inbox["items"]] == [2]


def test_a_scorecard_is_the_json_document(pactum_cli, tmp_path):
    path = str(tmp_path / "score.db")
    with pactum.open(path) as db:
        db.add_department("SD", "销售部")
        db.add_employee("S1", "张三", "SD", "sales")
        c = db.create_contract(type="sales", owner="S1", amount=Decimal("1000000.00"), signed=D(2024, 1, 10),
                               end=D(2024, 12, 31), counterparty="华东机械",
                               installments=[(D(2024, 1, 31), "300000"), (D(2024, 2, 29), "700000")])
        db.activate(c, on=D(2024, 1, 10))
        db.record_payment(c, Decimal("300000.00"), D(2024, 1, 31), ref="B1")
        db.record_payment(c, Decimal("500000.00"), D(2024, 2, 20), ref="B2")
        card = db.scorecard("S1", "2024-Q1", D(2024, 3, 31))
    shown = cli_json(pactum_cli, "--db", path, "score", "S1", "--period", "2024-Q1", "--as-of", "2024-03-31")
    data = card.to_dict()
    same_document(data, shown)
    assert card.rule_total == data["rule_points"] == Decimal(shown["rule_points"])
    assert card.scaled_points + card.rule_total == card.total
    rate = card.indicator("collection_rate")
    assert rate["value"] == Decimal("0.8") and rate["value_exact"] == "4/5"
    amount = card.indicator("signed_amount")
    assert amount["value"] == Decimal("1000000.00") and str(amount["value"]) == "1000000.00"


def test_reminders_are_the_json_document(pactum_cli, path, db):
    c = db.create_contract(type="sales", owner="E1", amount=Decimal("1000.125"), signed=D(2024, 1, 10),
                           end=D(2024, 12, 31), counterparty="华东机械有限公司",
                           installments=[(D(2024, 2, 1), "0.125"), (D(2024, 3, 1), "1000")])
    db.activate(c, on=D(2024, 1, 10))
    listed = cli_json(pactum_cli, "--db", path, "remind", "--as-of", "2024-02-10")
    reminders = db.reminders(as_of=D(2024, 2, 10))
    assert len(reminders) == len(listed["reminders"]) > 0
    for mine, theirs in zip(reminders, listed["reminders"]):
        same_document(mine, theirs)
    overdue = next(r for r in reminders if r["kind"] == "payment_overdue")
    # Exact, as the JSON says it: not rounded to the cent.
    assert overdue["unpaid"] == Decimal("0.125") and overdue["currency"] == "CNY"
    ack = db.acknowledge(overdue["id"], by="E1", on=D(2024, 2, 10))
    assert set(ack) == {"id", "contract", "on", "actor", "recorded_at"} and ack["on"] == D(2024, 2, 10)
    assert db.acknowledgements(c) == [ack]
    leads = db.reminder_leads()
    assert list(leads) == ["expiry", "payment_due", "payment_overdue", "delivery_due", "delivery_late",
                           "approval_overdue"]
    assert all(isinstance(days, int) for days in leads.values())


def test_an_import_report_is_the_json_document(pactum_cli, tmp_path):
    import shutil

    from test_import import company, payments_csv

    first = str(tmp_path / "a.db")
    with pactum.open(first) as db:
        numbers = company(db)
    second = str(tmp_path / "b.db")
    shutil.copyfile(first, second)
    rows = payments_csv(tmp_path / "p.csv", numbers, 20, bad=7, bad_amount="1e3")
    r = subprocess.run([pactum_cli, "--db", first, "import", "payments", str(rows), "--skip", "--format", "json"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 3, r.stderr
    shown = json.loads(r.stdout)
    with pactum.open(second) as db:
        report = db.import_file("payments", str(rows), mode="skip")
    same_document(report, shown)
    assert report["skipped"] == 1 and report["errors"][0]["line"] == 8 and report["errors"][0]["column"] == "amount"
