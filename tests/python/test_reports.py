"""Reminders and reports from Python: the article's department, employee and
forecast figures built from contracts and events, reminders after silence,
acknowledgement across reopening, the 7- and 30-day boundaries, .to_pandas(),
CSV and text, and refusals."""

import datetime
import sqlite3
from decimal import Decimal
from fractions import Fraction

import pytest

import pactum

D = datetime.date


def dump(path):
    """A logical dump: every table's rows, sorted, as text."""
    con = sqlite3.connect(path)
    out = []
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
        out.append((name, sorted(repr(r) for r in con.execute(f'SELECT * FROM "{name}"'))))
    con.close()
    return out


def sign(db, owner, amount, signed, *, type="sales", end=None, delivery_due=None, installments=None,
         key_account=False, activate=True, counterparty="华东机械有限公司"):
    c = db.create_contract(type=type, owner=owner, amount=Decimal(amount), currency="CNY", signed=signed, end=end,
                           delivery_due=delivery_due, counterparty=counterparty, key_account=key_account,
                           installments=[(due, Decimal(a)) for due, a in (installments or [])])
    if activate:
        db.activate(c, on=activate if isinstance(activate, datetime.date) else signed)
    return c


# ---- Departments: marketing 92% / 8.6, sales 88% / 8.2, R&D 85% / 7.8 ----

def dept_contract(db, owner, type, due, delivered, paid, amended=False):
    c = sign(db, owner, "200000.00", D(2024, 1, 10), type=type, end=D(2024, 12, 31), delivery_due=due,
             installments=[(due, "100000.00"), (D(2024, 6, 30), "100000.00")])
    db.record_payment(c, Decimal("100000.00"), paid, ref="PAY-" + c.number)
    db.record_delivery(c, on=delivered)
    if amended:
        db.amend(c, "客户更名", counterparty="新名称", on=D(2024, 2, 1))
    return c


@pytest.fixture(scope="module")
def departments():
    db = pactum.open(":memory:")
    for code, name in (("MKT", "市场部"), ("SD", "销售部"), ("RD", "研发部"), ("HR", "人力资源部")):
        db.add_department(code, name)
    for i in range(1, 6):
        db.add_employee(f"M{i}", "市场", "MKT", "sales", hired=D(2020, 1, 1))
        db.add_employee(f"S{i}", "销售", "SD", "sales", hired=D(2020, 1, 1))
    for i in range(1, 5):
        db.add_employee(f"R{i}", "研发", "RD", "rnd", hired=D(2020, 1, 1))
    db.add_employee("H1", "人事", "HR", "hr", hired=D(2020, 1, 1))
    due = D(2024, 2, 5)
    late = D(2024, 2, 7)
    for i in range(1, 6):
        first = None
        for n in range(1, 6):
            delivered = due - datetime.timedelta(days=1) if n == 1 else (late if n == 5 and i <= 2 else due)
            c = dept_contract(db, f"M{i}", "sales", due, delivered, due)
            first = first or c
        db.record_satisfaction(first, 55, on=D(2024, 2, 10))
    for i in range(1, 6):
        first = None
        for n in range(1, 6):
            delivered = late if n == 5 and i <= 2 else due
            paid = D(2024, 2, 15) if n == 5 and i == 3 else due
            c = dept_contract(db, f"S{i}", "sales", due, delivered, paid)
            first = first or c
        db.record_satisfaction(first, 100 if i == 3 else 85, on=D(2024, 2, 10))
    project_due = D(2024, 2, 20)
    for i in range(1, 5):
        for n in range(1, 6):
            delivered = project_due
            if n == 1:
                delivered = D(2024, 2, 19)
            elif n == 5 and i <= 2:
                delivered = D(2024, 2, 28)
            elif n == 5 and i == 3:
                delivered = D(2024, 2, 23)
            dept_contract(db, f"R{i}", "project", project_due, delivered, project_due, amended=(n == 2 and i == 4))
    yield db
    db.close()


def test_department_report_reproduces_the_article(departments):
    r = departments.report_departments("2024-Q1", as_of=D(2024, 3, 31))
    assert isinstance(r, pactum.DepartmentReport)
    assert r.period == "2024-Q1" and r.cutoff == D(2024, 3, 31)
    expected = {"MKT": (25, 23, "0.920000", "86.00", "8.600"), "SD": (25, 22, "0.880000", "82.00", "8.200"),
                "RD": (20, 17, "0.850000", "78.00", "7.800")}
    for code, (due, done, rate, score, score_10) in expected.items():
        row = r.row(code)
        assert (row["contracts_due"], row["executed"]) == (due, done)
        assert row["execution_rate"] == Decimal(rate)
        assert row["execution_ratio"] == Fraction(done, due)
        assert row["average_score"] == Decimal(score)
        assert row["average_score_10"] == Decimal(score_10)
    assert r.correlation == Decimal("0.996616") and r.correlation > 0
    assert r.r_squared == Fraction(147, 148)
    assert r.correlation_points == 3
    hr = r.row("HR")
    assert hr["execution_rate"] is None and hr["average_score"] is None and hr["employees"] == 1


def test_department_report_to_pandas_csv_and_text(departments):
    pandas = pytest.importorskip("pandas")
    r = departments.report_departments("2024-Q1", as_of=D(2024, 3, 31))
    frame = r.to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame["department"]) == ["HR", "MKT", "RD", "SD"]
    assert frame.set_index("department").loc["MKT", "average_score_10"] == Decimal("8.600")
    assert "MKT,市场部,25,23,0.920000,5,5,86.00,8.600\r\n" in r.to_csv()
    assert "r = 0.996616" in r.to_text()


# ---- Employees: 1.5M #2, 100% #1, 9.2 #1; 1.2M #3, 70% #15, 7.5 #10 ----

SELLERS = [
    ("E01", 2000000, 90, 50), ("E02", 1500000, 100, 85), ("E03", 1200000, 70, 70), ("E04", 1000000, 95, 80),
    ("E05", 900000, 90, 80), ("E06", 800000, 85, 90), ("E07", 1100000, 80, 60), ("E08", 700000, 90, 100),
    ("E09", 600000, 95, 100), ("E10", 1000000, 75, 55), ("E11", 900000, 80, 75), ("E12", 400000, 85, 50),
    ("E13", 300000, 80, 60), ("E14", 500000, 75, 65), ("E15", 200000, 72, 80), ("E16", 1000000, 60, 80),
    ("E17", 800000, 50, 80), ("E18", 600000, 40, 70), ("E19", 400000, 30, 60), ("E20", 100000, 0, 50),
]


@pytest.fixture(scope="module")
def sellers():
    db = pactum.open(":memory:")
    db.add_department("SD", "销售部")
    for who, amount, percent, satisfaction in SELLERS:
        db.add_employee(who, "员工" + who, "SD", "sales", hired=D(2020, 1, 1))
        c = sign(db, who, str(amount), D(2024, 1, 15), end=D(2024, 12, 31))
        if percent:
            db.record_payment(c, Decimal(amount * percent // 100), D(2024, 3, 20), ref="P-" + who)
        db.record_satisfaction(c, satisfaction, on=D(2024, 3, 25))
    yield db
    db.close()


def test_employee_report_reproduces_the_article(sellers):
    r = sellers.report_employees("2024-Q1", as_of=D(2024, 3, 31))
    assert len(r) == 20
    star = r.row("E02")
    assert (star["signed_amount"], star["signed_rank"]) == (Decimal("1500000.00"), 2)
    assert (star["collection_rate"], star["collection_rank"]) == (Decimal("1.000000"), 1)
    # No delivery yet: the cycle's 10 points have no data and the rest is
    # scaled (coverage 90); the ranks are the article's.
    assert (star["score"], star["coverage"], star["score_rank"]) == (Decimal("101.67"), Decimal("90"), 1)
    assert star["classification"] == "high_contribution_high_performance"
    assert star["recommended_action"] == "promote"
    signer = r.row("E03")
    assert (signer["signed_amount"], signer["signed_rank"]) == (Decimal("1200000.00"), 3)
    assert (signer["collection_rate"], signer["collection_rank"]) == (Decimal("0.700000"), 15)
    assert (signer["score"], signer["score_rank"]) == (Decimal("83.33"), 10)
    assert signer["classification"] == "high_signing_low_execution"
    assert signer["recommended_action"] == "coach_execution"
    assert "action" not in signer  # labels are for the text and HTML forms
    assert r.signed_cutoff is None and r.collection_cutoff is None  # the group's top halves
    assert (r.classification_table, r.classification_version, r.unclassified_groups) == ("default", 1, [])
    assert "coach on execution: follow up collections and deliveries" in r.to_text()
    # The article's own arithmetic counts the missing cycle as 0: with the
    # template's no_data policy "zero" its scores come back exactly, and the
    # classes stay.
    sales = sellers.kpi_template("sales")
    sellers.define_template(dict(sales, version=None, no_data="zero"))
    z = sellers.report_employees("2024-Q1", as_of=D(2024, 3, 31))
    assert (z.row("E02")["score"], z.row("E02")["score_rank"], z.row("E02")["classification"]) == (
        Decimal("92.00"), 1, "high_contribution_high_performance")
    assert (z.row("E03")["score"], z.row("E03")["score_rank"], z.row("E03")["classification"]) == (
        Decimal("75.00"), 10, "high_signing_low_execution")


def test_employee_report_cut_offs_filters_and_pandas(sellers):
    pandas = pytest.importorskip("pandas")
    r = sellers.report_employees("2024-Q1", as_of=D(2024, 3, 31), department="SD",
                                 signed_cutoff=Decimal("1500000"), collection_cutoff="0.7")
    assert r.row("E03")["classification"] == "low_signing_high_execution"
    assert (r.signed_cutoff, r.collection_cutoff) == (Decimal("1500000.00"), Decimal("0.700000"))
    frame = r.to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert frame.set_index("employee").loc["E02", "score_rank"] == 1
    with pytest.raises(pactum.ValidationError):
        sellers.report_employees("2024-Q1", as_of=D(2024, 3, 31), collection_cutoff=Decimal("1.5"))
    with pytest.raises(TypeError):
        sellers.report_employees("2024-Q1", as_of=D(2024, 3, 31), signed_cutoff=1.5)
    with pytest.raises(pactum.NotFoundError):
        sellers.report_employees("2024-Q1", as_of=D(2024, 3, 31), department="XX")
    with pytest.raises(pactum.ValidationError):
        sellers.report_employees("2024-Q5")


# ---- Forecast: 20 expiring, 10 key accounts, 5 collecting below 50% ----

@pytest.fixture(scope="module")
def horizon():
    db = pactum.open(":memory:")
    db.add_department("SD", "销售部")
    db.add_employee("E1", "张三", "SD", "sales", hired=D(2020, 1, 1))
    start = D(2024, 1, 5)
    for k in range(20):
        end = D(2024, 4, 1) + datetime.timedelta(days=4 * k) if k < 19 else D(2024, 6, 30)
        c = sign(db, "E1", "100000.00", start, end=end, key_account=(k % 2 == 0), counterparty=f"客户 E{k}")
        db.record_payment(c, Decimal("100000.00"), D(2024, 1, 20), ref=f"E{k}")
    early = [(D(2024, 2, 1), "100000.00")]
    for name, end in (("D1", D(2024, 3, 31)), ("D2", D(2024, 7, 1))):
        c = sign(db, "E1", "100000.00", start, end=end, installments=early)
        db.record_payment(c, Decimal("100000.00"), D(2024, 2, 1), ref=name)
    sign(db, "E1", "100000.00", start, end=D(2024, 5, 20), installments=early, activate=False)
    c = sign(db, "E1", "100000.00", start, end=D(2024, 5, 25), installments=early)
    db.record_payment(c, Decimal("100000.00"), D(2024, 2, 1), ref="D5")
    db.renew(c, signed=D(2024, 3, 15))
    year_end = D(2024, 12, 31)
    under = [
        ("U1", "100000.00", [(D(2024, 2, 15), "50000.00"), (D(2024, 8, 31), "50000.00")], [(D(2024, 2, 10), "40000.00")]),
        ("U2", "200000.00", [(D(2024, 5, 10), "200000.00")], []),
        ("U3", "100000.00", [(D(2024, 3, 1), "30000.00"), (D(2024, 6, 30), "70000.00")], [(D(2024, 3, 1), "30000.00")]),
        ("U4", "100000.00", [(D(2024, 2, 1), "60000.00"), (D(2024, 9, 30), "40000.00")], [(D(2024, 2, 1), "49999.99")]),
        ("V1", "100000.00", [(D(2024, 2, 15), "50000.00"), (D(2024, 5, 31), "50000.00")], [(D(2024, 2, 15), "50000.00")]),
        ("V2", "100000.00", [(D(2024, 7, 15), "100000.00")], []),
    ]
    for name, amount, schedule, payments in under:
        c = sign(db, "E1", amount, start, end=year_end, installments=schedule, counterparty="客户 " + name)
        for n, (on, paid) in enumerate(payments):
            db.record_payment(c, Decimal(paid), on, ref=f"{name}-{n}")
    c = sign(db, "E1", "300000.00", start, end=year_end, key_account=True, counterparty="客户 U5",
             installments=[(D(2024, 1, 31), "100000.00"), (D(2024, 2, 29), "100000.00"), (D(2024, 3, 31), "100000.00")])
    db.record_payment(c, Decimal("100000.00"), D(2024, 1, 31), ref="U5-0")
    yield db
    db.close()


def test_forecast_reproduces_the_article(horizon):
    f = horizon.forecast(as_of=D(2024, 3, 31))
    assert isinstance(f, pactum.Forecast)
    assert (f.months, f.horizon_end, f.threshold) == (3, D(2024, 6, 30), Decimal("0.5"))
    assert f.expiring_count == 20 and len(f.expiring) == 20
    assert f.key_accounts == 10 == sum(1 for e in f.expiring if e["key_account"])
    assert [e["counterparty"] for e in f.expiring] == [f"客户 E{k}" for k in range(20)]
    assert f.under_collected_count == 5
    assert [u["counterparty"] for u in f.under_collected] == ["客户 U4", "客户 U1", "客户 U5", "客户 U2", "客户 U3"]
    u4 = f.under_collected[0]
    assert u4["collected"] == Decimal("49999.99") and u4["outstanding"] == Decimal("50000.01")
    assert u4["collection_ratio"] == Fraction(4999999, 10000000)
    assert u4["due_by_horizon"] == Decimal("10000.01")
    assert [(m["installments"], m["amount"], m["unpaid"]) for m in f.installments] == [
        (8, Decimal("800000.00"), Decimal("0.00")),
        (10, Decimal("1050000.00"), Decimal("250000.00")),
        (5, Decimal("470000.00"), Decimal("70000.00")),
    ]
    assert "20 contract(s) end by 2024-06-30, 10 of them key accounts" in f.to_text()
    assert f.installments.to_csv().startswith(
        "month,from,to,installments,contracts,amount,unpaid,payable_installments,payable_amount,payable_unpaid\r\n"
        "1,2024-04-01,2024-04-30,8,8,800000.00,0.00,0,0.00,0.00\r\n")
    assert f.payables == [] and f.payables_count == 0
    one = horizon.forecast(as_of=D(2024, 3, 31), months=1, threshold=Decimal("0.34"))
    assert (one.expiring_count, one.key_accounts, one.under_collected_count) == (8, 4, 1)


def test_forecast_to_pandas_and_refusals(horizon):
    pandas = pytest.importorskip("pandas")
    frames = horizon.forecast(as_of=D(2024, 3, 31)).to_pandas()
    assert set(frames) == {"expiring", "under_collected", "payables", "installments"}
    assert isinstance(frames["expiring"], pandas.DataFrame) and len(frames["expiring"]) == 20
    assert int(frames["expiring"]["key_account"].sum()) == 10
    for bad in ({"months": 0}, {"months": 121}, {"threshold": Decimal("0")}, {"threshold": "1.5"}):
        with pytest.raises(pactum.ValidationError):
            horizon.forecast(as_of=D(2024, 3, 31), **bad)
    with pytest.raises(TypeError):
        horizon.forecast(as_of=D(2024, 3, 31), threshold=0.5)
    with pytest.raises(TypeError):
        horizon.forecast(as_of=D(2024, 3, 31), months="3")


# ---- Reminders ----

@pytest.fixture
def path(tmp_path):
    return str(tmp_path / "reminders.db")


def contract_with_deadlines(db):
    db.add_department("SD", "销售部")
    db.add_employee("E2", "李四", "SD", "sales", hired=D(2020, 1, 1))
    return sign(db, "E2", "1000.00", D(2024, 1, 10), end=D(2024, 4, 30), delivery_due=D(2024, 3, 15),
                installments=[(D(2024, 2, 15), "300.00"), (D(2024, 3, 15), "700.00")])


def test_one_call_after_weeks_of_silence_returns_each_reminder_once(path):
    with pactum.open(path) as db:
        c = contract_with_deadlines(db)
        got = db.reminders(as_of=D(2024, 4, 10))
        assert isinstance(got, pactum.ReminderList)
        assert got.as_of == D(2024, 4, 10)
        assert got.ids() == [f"payment_overdue:{c.id}:1:2024-02-15", f"payment_overdue:{c.id}:2:2024-03-15",
                             f"delivery_late:{c.id}:2024-03-15", f"expiry:{c.id}:2024-04-30"]
        first = got[0]
        # One sign for every kind: days = due - as_of, negative once past due.
        assert (first["kind"], first["contract"], first["due"], first["days"]) == ("payment_overdue", c.id, D(2024, 2, 15), -55)
        assert [r["days"] for r in got] == [(r["due"] - D(2024, 4, 10)).days for r in got]
        assert got[-1]["kind"] == "expiry" and got[-1]["days"] == 20
        assert first["unpaid"] == Decimal("300.00") and first["currency"] == "CNY"
        assert first["message"].startswith(f"instalment 1 of contract {c.number}")


def test_a_paid_instalment_needs_no_reminder(path):
    with pactum.open(path) as db:
        c = contract_with_deadlines(db)
        assert f"payment_due:{c.id}:2:2024-03-15" in db.reminders(as_of=D(2024, 3, 10)).ids()
        db.record_payment(c, Decimal("1000.00"), D(2024, 3, 12), ref="BANK-1")
        ids = db.reminders(as_of=D(2024, 3, 13)).ids()
        assert f"payment_due:{c.id}:2:2024-03-15" not in ids
        assert f"payment_overdue:{c.id}:1:2024-02-15" not in ids
        assert ids == [f"delivery_due:{c.id}:2024-03-15"]


def test_acknowledged_reminders_do_not_repeat_after_reopening(path):
    with pactum.open(path) as db:
        c = contract_with_deadlines(db)
        first = db.reminders(as_of=D(2024, 4, 10))
        ack = db.acknowledge(first[0]["id"], by="财务部 王五", on=D(2024, 4, 10))
        assert ack == {"id": first[0]["id"], "contract": c.id, "on": D(2024, 4, 10), "actor": "财务部 王五",
                       "recorded_at": ack["recorded_at"]}
        db.acknowledge(first[3]["id"])
    with pactum.open(path, lang="zh-CN") as db:
        again = db.reminders(as_of=D(2024, 4, 20))
        assert again.ids() == [first[1]["id"], first[2]["id"]]
        assert again[0]["message"].startswith(f"合同 {c.number}")
        assert [a["id"] for a in db.acknowledgements(c)] == sorted([first[0]["id"], first[3]["id"]])
        assert db.acknowledge(first[0]["id"], by="别人") == ack


def test_the_seven_and_thirty_day_boundaries(path):
    with pactum.open(path) as db:
        c = contract_with_deadlines(db)
        assert f"payment_due:{c.id}:2:2024-03-15" not in db.reminders(as_of=D(2024, 3, 7)).ids()
        on = db.reminders(as_of=D(2024, 3, 8))
        assert f"payment_due:{c.id}:2:2024-03-15" in on.ids()
        assert f"delivery_due:{c.id}:2024-03-15" in on.ids()
        assert f"expiry:{c.id}:2024-04-30" not in db.reminders(as_of=D(2024, 3, 30)).ids()
        assert f"expiry:{c.id}:2024-04-30" in db.reminders(as_of=D(2024, 3, 31)).ids()
        db.set_reminder_lead("expiry", 45, type="sales")
        assert db.reminder_leads("sales")["expiry"] == 45
        assert db.reminder_leads()["expiry"] == 30
        assert f"expiry:{c.id}:2024-04-30" in db.reminders(as_of=D(2024, 3, 16)).ids()


def test_reminders_to_pandas_csv_and_text(path):
    pandas = pytest.importorskip("pandas")
    with pactum.open(path) as db:
        contract_with_deadlines(db)
        got = db.reminders(as_of=D(2024, 4, 10))
        frame = got.to_pandas()
        assert isinstance(frame, pandas.DataFrame)
        assert list(frame["kind"]) == ["payment_overdue", "payment_overdue", "delivery_late", "expiry"]
        assert got.to_csv().startswith("id,kind,number,owner,due,days,unpaid,currency,message\r\n")
        assert "4 reminder(s)" in got.to_text()


def test_refusals_change_nothing(path):
    with pactum.open(path) as db:
        c = contract_with_deadlines(db)
        db.reminders(as_of=D(2024, 3, 10))
        before = dump(path)
        for bad, error in ((f"expiry:{c.id}", pactum.ValidationError), ("expiry:x:2024-04-30", pactum.ValidationError),
                           (f"expiry:{c.id}:2024-05-31", pactum.NotFoundError), ("expiry:99:2024-04-30", pactum.NotFoundError),
                           (b"expiry:1:2024-04-30\xff", pactum.ValidationError)):
            with pytest.raises(error):
                db.acknowledge(bad)
        with pytest.raises(TypeError):
            db.acknowledge(None)
        with pytest.raises(pactum.ValidationError):
            db.reminders(as_of="2024-02-30")
        with pytest.raises(pactum.ValidationError):
            db.set_reminder_lead("payment_overdue", 0)
        with pytest.raises(pactum.ValidationError):
            db.set_reminder_lead("renewal", 5)
        with pytest.raises(TypeError):
            db.set_reminder_lead("expiry", 5.0)
        with pytest.raises(pactum.ValidationError):
            db.reminder_leads("Bad Type")
        assert dump(path) == before
        try:
            db.acknowledge("expiry:99:2024-04-30")
        except pactum.NotFoundError as e:
            assert e.code == pactum.ERROR_CODES["PACTUM_ENOTFOUND"]
            assert e.key == "tracking.unknown_reminder"
