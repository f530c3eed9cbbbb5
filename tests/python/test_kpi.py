"""KPI from Python: scorecards, the worked example, the payroll link, closing,
templates, targets, rules, bands, many scorecards with to_pandas, refusals."""

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
        rows = sorted(repr(r) for r in con.execute(f'SELECT * FROM "{name}"'))
        out.append((name, rows))
    con.close()
    return out


def add_company(db):
    db.add_department("SD", "销售部")
    db.add_department("RD", "研发部")
    db.add_department("HR", "人力资源部")
    db.add_employee("S1", "张三", "SD", "sales", hired=D(2020, 1, 1))
    db.add_employee("S2", "李四", "SD", "sales", hired=D(2021, 6, 1))
    db.add_employee("R1", "王五", "RD", "rnd", hired=D(2020, 1, 1))
    db.add_employee("H1", "赵六", "HR", "hr")


def sign(db, owner="S1", amount="1000000.00", signed=D(2024, 1, 10), type="sales", **kw):
    args = dict(
        type=type,
        owner=owner,
        amount=Decimal(amount),
        signed=signed,
        end=D(2025, 12, 31),
        counterparty="华东机械有限公司",
    )
    args.update(kw)
    c = db.create_contract(**args)
    db.activate(c, on=signed)
    return c


@pytest.fixture
def path(tmp_path):
    return str(tmp_path / "kpi.db")


@pytest.fixture
def db(path):
    with pactum.open(path) as handle:
        add_company(handle)
        yield handle


WORKED_INSTALMENTS = [
    (D(2024, 1, 31), Decimal("300000.00")),
    (D(2024, 2, 29), Decimal("500000.00")),
    (D(2024, 3, 31), Decimal("200000.00")),
]


def test_the_worked_example(db):
    c = sign(db, installments=WORKED_INSTALMENTS)
    db.record_payment(c, Decimal("300000.00"), D(2024, 1, 31), ref="BANK-1")
    jan = db.scorecard("S1", period="2024-Q1", as_of=D(2024, 1, 31))
    assert isinstance(jan, pactum.Scorecard)
    collection = jan.indicator("collection_rate")
    assert collection["points"] == Decimal("9.00")
    assert collection["value"] == Decimal("0.3")
    assert collection["weight"] == Decimal("30")
    assert collection["contracts"] == [c.number]
    assert jan.rules == []

    feb_payment = db.record_payment(c, Decimal("500000.00"), D(2024, 2, 29), ref="BANK-2")
    feb = db.scorecard("S1", period="2024-Q1", as_of=D(2024, 2, 29))
    assert feb.indicator("collection_rate")["points"] == Decimal("24.00")
    assert [(r["rule"], r["points"], r["event"], r["contract"], r["date"]) for r in feb.rules] == [
        ("collection_80", Decimal("5.00"), feb_payment["seq"], c.number, D(2024, 2, 29))
    ]

    db.record_payment(c, Decimal("200000.00"), D(2024, 3, 31), ref="BANK-3")
    mar = db.scorecard("S1", period="2024-Q1", as_of=D(2024, 3, 31))
    assert mar.indicator("collection_rate")["points"] == Decimal("30.00")
    # No survey and no delivery yet: signed 40 + collection 30 of the 70
    # points with data, scaled to 100, and the 80% bonus.
    assert (mar.coverage, mar.indicator_points, mar.scaled_points) == (Decimal("70"), Decimal("70.00"), Decimal("100.00"))
    assert mar.total == Decimal("105.00")
    assert mar.total_10 == Decimal("10.500")
    assert isinstance(mar.total, Decimal)

    reversal = db.reverse_payment("BANK-2", D(2024, 3, 31))
    after = db.scorecard("S1", period="2024-Q1", as_of=D(2024, 3, 31))
    assert after.indicator("collection_rate")["points"] == Decimal("15.00")
    assert after.rule_points("collection_80") == Decimal("0.00")
    retraction = [r for r in after.rules if r["kind"] == "retraction"]
    assert retraction == [
        {
            "rule": "collection_80",
            "kind": "retraction",
            "points": Decimal("-5.00"),
            "event": reversal["seq"],
            "contract": c.number,
            "date": D(2024, 3, 31),
            "installment": None,
            "retracts": feb_payment["seq"],
            "trigger": None,
        }
    ]


def test_payroll_link_at_79_99_and_80_00(db):
    db.define_template(
        {
            "id": "amount_only",
            "indicators": [
                {
                    "name": "signed",
                    "metric": "signed_amount",
                    "types": ["sales"],
                    "weight": 100,
                    "normalisation": "target",
                    "target": Decimal("10000"),
                    "per": "quarter",
                }
            ],
        }
    )
    db.bind_template("sales", "amount_only")
    sign(db, "S1", "7999.00")
    sign(db, "S2", "8000.00")
    assert db.scorecard("S1", "2024-Q1", D(2024, 3, 31)).total == Decimal("79.99")
    assert db.scorecard("S2", "2024-Q1", D(2024, 3, 31)).total == Decimal("80.00")
    cut = db.bonus_adjustment("S1", "2024-Q1", base_bonus=Decimal("10000.00"), as_of=D(2024, 3, 31))
    assert cut == Decimal("-1000.00") and str(cut) == "-1000.00"
    kept = db.bonus_adjustment("S2", "2024-Q1", base_bonus=pactum.Money("10000.00", "CNY"), as_of=D(2024, 3, 31))
    assert str(kept) == "0.00"
    assert db.bonus_adjustment("H1", "2024-Q1", Decimal("10000.00"), D(2024, 3, 31)) == Decimal("0.00")
    with pytest.raises(TypeError):
        db.bonus_adjustment("S1", "2024-Q1", 10000.0, D(2024, 3, 31))
    with pytest.raises(pactum.ValidationError):
        db.bonus_adjustment("S1", "2024-Q1", Decimal("-1"), D(2024, 3, 31))

    db.set_bonus_bands([{"below": Decimal("80"), "rate": Decimal("-0.2")}, {"from": "90", "rate": "0.1"}])
    assert db.bonus_bands() == [
        {"from": None, "below": Decimal("80"), "rate": Decimal("-0.2")},
        {"from": Decimal("90"), "below": None, "rate": Decimal("0.1")},
    ]
    assert db.bonus_adjustment("S1", "2024-Q1", Decimal("10000.00"), D(2024, 3, 31)) == Decimal("-2000.00")


def test_closing_freezes_and_lists_post_close_events(db):
    c = sign(db, installments=WORKED_INSTALMENTS)
    db.record_payment(c, Decimal("300000.00"), D(2024, 1, 31), ref="BANK-1")
    before = db.scorecard("S1", "2024-Q1", D(2024, 3, 31))
    closing = db.close_period("2024-Q1", D(2024, 4, 5), actor="finance lead")
    assert closing["type"] == "period_closed" and closing["contract"] is None
    assert db.period_closed("2024-Q1") == closing["seq"]
    late = db.record_payment(c, Decimal("500000.00"), D(2024, 3, 20), ref="BANK-LATE")
    frozen = db.scorecard("S1", "2024-Q1", D(2024, 3, 31))
    assert frozen.closed and frozen.closed_seq == closing["seq"]
    assert frozen.total == before.total
    assert frozen.indicators == before.indicators
    assert frozen.post_close == [
        {"seq": late["seq"], "type": "payment_received", "contract": c.number, "effective": D(2024, 3, 20)}
    ]
    with pytest.raises(pactum.StateError):
        db.close_period("2024-Q1", D(2024, 4, 6))
    reopened = db.reopen_period("2024-Q1", "late bank statement", D(2024, 4, 10))
    assert reopened["reason"] == "late bank statement"
    assert db.period_closed("2024-Q1") is None
    assert db.scorecard("S1", "2024-Q1", D(2024, 3, 31)).indicator("collection_rate")["points"] == Decimal("24.00")
    with pytest.raises(pactum.StateError):
        db.reopen_period("2024-Q1", "again", D(2024, 4, 11))


def test_no_template_means_no_score_never_an_error(db):
    card = db.scorecard("H1", "2024-Q1", D(2024, 3, 31))
    assert card.total is None and card.total_10 is None and card.scored is False
    assert card.indicators == [] and card.template is None and card.position == "hr"


def test_default_period_is_the_quarter_of_as_of(db):
    sign(db)
    card = db.scorecard("S1", as_of=D(2024, 2, 15))
    assert card.period == "2024-Q1"
    assert card.period_start == D(2024, 1, 1) and card.period_end == D(2024, 3, 31)
    db.advance_to(D(2024, 5, 2))
    assert db.scorecard("S1").period == "2024-Q2"
    assert db.scorecard("S1").as_of == D(2024, 5, 2)


def test_to_dict_is_a_plain_copy(db):
    sign(db)
    card = db.scorecard("S1", "2024-Q1", D(2024, 3, 31))
    data = card.to_dict()
    assert data["total"] == card.total
    assert [i["name"] for i in data["indicators"]] == [
        "signed_amount",
        "collection_rate",
        "satisfaction",
        "execution_cycle",
    ]
    data["indicators"].clear()
    assert len(card.indicators) == 4
    satisfaction = card.indicator("satisfaction")
    assert satisfaction["no_data"] is True and satisfaction["value"] is None and satisfaction["points"] == Decimal("0.00")
    assert card.indicator("signed_amount")["value"] == Decimal("1000000.00")
    assert card.indicator("signed_amount")["target"] == Decimal("1000000.00")
    with pytest.raises(KeyError):
        card.indicator("happiness")


def test_many_scorecards_and_pandas(db):
    pandas = pytest.importorskip("pandas")
    sign(db, "S1", "600000.00")
    sign(db, "S2", "300000.00")
    cards = db.scorecards("2024-Q1", D(2024, 3, 31))
    assert isinstance(cards, pactum.ScorecardList)
    assert [c.employee for c in cards] == ["H1", "R1", "S1", "S2"]
    sales = db.scorecards("2024-Q1", D(2024, 3, 31), department="SD")
    assert [c.employee for c in sales] == ["S1", "S2"]
    assert [c.employee for c in db.scorecards("2024-Q1", D(2024, 3, 31), position="rnd")] == ["R1"]
    frame = cards.to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame["employee"]) == ["H1", "R1", "S1", "S2"]
    row = frame[frame["employee"] == "S1"].iloc[0]
    assert row["signed_amount"] == Decimal("24.00")
    # Signing 24 and collection 0 of the 70 points with data, scaled.
    assert row["coverage"] == Decimal("70")
    assert row["total"] == Decimal("34.29")
    assert frame[frame["employee"] == "H1"].iloc[0]["total"] is None
    assert "delivery_cycle" in frame.columns


def test_templates_targets_and_rules(db):
    stored = db.kpi_template("sales")
    assert stored["version"] == 2  # the built-in templates of schema 8
    assert [(i["name"], i["weight"]) for i in stored["indicators"]] == [
        ("signed_amount", "40"),
        ("collection_rate", "30"),
        ("satisfaction", "20"),
        ("execution_cycle", "10"),
    ]
    assert {t["id"] for t in db.kpi_templates()} == {"sales", "rnd", "procurement"}
    assert db.template_binding("sales") == "sales" and db.template_binding("hr") is None

    sign(db, amount="500000.00")
    db.set_target("signed_amount", Decimal("500000"), position="sales", per="quarter")
    assert db.scorecard("S1", "2024-Q1", D(2024, 3, 31)).indicator("signed_amount")["points"] == Decimal("40.00")
    db.set_target("signed_amount", "2000000", employee="S1", period="2024-Q1", per="quarter")
    assert db.scorecard("S1", "2024-Q1", D(2024, 3, 31)).indicator("signed_amount")["points"] == Decimal("10.00")

    c = db.find_contracts(owner="S1")[0]
    db.record_breach(c, D(2024, 2, 1), reason="wrong goods")
    db.record_breach(c, D(2024, 2, 2), reason="again")
    assert db.scorecard("S1", "2024-Q1", D(2024, 3, 31)).rule_points("breach") == Decimal("-30.00")
    db.set_rule("breach", template="sales", cap=Decimal("20"))
    card = db.scorecard("S1", "2024-Q1", D(2024, 3, 31))
    assert card.rule_points("breach") == Decimal("-20.00")
    assert card.rules[-1]["kind"] == "cap"
    db.set_rule("breach", enabled=False)
    assert db.scorecard("S1", "2024-Q1", D(2024, 3, 31)).rule_points("breach") == Decimal("-20.00")  # own setting wins
    db.set_rule("breach", template="sales", enabled=False)
    assert db.scorecard("S1", "2024-Q1", D(2024, 3, 31)).rules == []

    v2 = db.define_template(dict(stored, version=None, indicators=stored["indicators"][:3] + [
        dict(stored["indicators"][3], target="20")
    ]))
    assert v2["version"] == 3
    assert db.kpi_template("sales", 2)["indicators"][3]["target"] == "30"
    db.bind_template("hr", "rnd")
    assert db.scorecard("H1", "2024-Q1", D(2024, 3, 31)).template == "rnd"
    db.unbind_template("hr")
    assert db.template_binding("hr") is None


def test_module_functions():
    checked = pactum.check_kpi_template(
        '{"id":"x","indicators":[{"name":"c","metric":"dispute_rate","types":["procurement"],'
        '"weight":"100.0","normalisation":"inverse_rate"}]}'
    )
    assert checked["indicators"][0]["weight"] == "100"
    assert [r["rule"] for r in checked["rules"]] == [
        "collection_80",
        "installment_overdue",
        "late_delivery",
        "early_delivery",
        "breach",
    ]
    p = pactum.parse_period("2024-01-15..2024-04-14")
    assert p == {
        "period": "2024-01-15..2024-04-14",
        "kind": "custom",
        "start": D(2024, 1, 15),
        "end": D(2024, 4, 14),
        "months": Fraction(3),
    }
    assert pactum.parse_period("2024-01-01..2024-01-10")["months"] == Fraction(20, 61)
    assert pactum.parse_period("2024-01-01..2024-03-31")["period"] == "2024-Q1"


BAD_TEMPLATES = [
    ("weights", {"id": "t", "indicators": [{"name": "c", "metric": "collection_rate", "types": ["sales"],
                                             "weight": 90, "normalisation": "rate"}]}, "sum to 90"),
    ("metric", {"id": "t", "indicators": [{"name": "c", "metric": "mood", "types": ["sales"],
                                            "weight": 100, "normalisation": "rate"}]}, "unknown metric"),
    ("negative weight", {"id": "t", "indicators": [
        {"name": "c", "metric": "collection_rate", "types": ["sales"], "weight": 110, "normalisation": "rate"},
        {"name": "d", "metric": "dispute_rate", "types": ["sales"], "weight": -10, "normalisation": "rate"}]},
     "negative"),
    ("target", {"id": "t", "indicators": [{"name": "s", "metric": "signed_amount", "types": ["sales"],
                                            "weight": 100, "normalisation": "target", "target": "0"}]},
     "greater than 0"),
    ("target text", {"id": "t", "indicators": [{"name": "s", "metric": "signed_amount", "types": ["sales"],
                                                 "weight": 100, "normalisation": "target", "target": "lots"}]},
     "not a plain decimal"),
]


@pytest.mark.parametrize("what,template,message", BAD_TEMPLATES, ids=[c[0] for c in BAD_TEMPLATES])
def test_invalid_templates_are_validation_errors(path, db, what, template, message):
    before = dump(path)
    with pytest.raises(pactum.ValidationError) as info:
        db.define_template(template)
    assert message in str(info.value)
    assert info.value.code == -1
    with pytest.raises(pactum.ValidationError):
        pactum.check_kpi_template(template)
    db.lang = "zh-CN"
    with pytest.raises(pactum.ValidationError) as zh:
        db.define_template(template)
    assert str(zh.value) != str(info.value)
    db.lang = "en"
    assert dump(path) == before


def test_invalid_requests(path, db):
    before = dump(path)
    with pytest.raises(pactum.NotFoundError) as info:
        db.scorecard("E9", "2024-Q1")
    assert "E9" in str(info.value)
    with pytest.raises(pactum.ValidationError) as info:
        db.scorecard("S1", "2024-Q5")
    assert "2024-Q5" in str(info.value)
    db.lang = "zh-CN"
    with pytest.raises(pactum.ValidationError) as zh:
        db.scorecard("S1", "2024-Q5")
    assert "2024-Q5" in str(zh.value) and "期间" in str(zh.value)
    db.lang = "en"
    with pytest.raises(pactum.ValidationError):
        db.scorecard("S1", "2024-Q1", as_of="2024-02-30")
    with pytest.raises(TypeError):
        db.scorecard(42, "2024-Q1")
    with pytest.raises(pactum.ValidationError):
        db.scorecard(b"S\xff", "2024-Q1")
    with pytest.raises(TypeError):
        db.define_template({"id": "t", "indicators": [{"weight": 1.5}]})
    with pytest.raises(pactum.ValidationError):
        db.define_template("{not json")
    with pytest.raises(pactum.NotFoundError):
        db.bind_template("sales", "missing")
    with pytest.raises(pactum.NotFoundError):
        db.kpi_template("sales", 7)
    with pytest.raises(pactum.ValidationError):
        db.set_target("signed_amount", Decimal("1"))  # neither position nor employee
    with pytest.raises(pactum.ValidationError):
        db.set_target("signed_amount", Decimal("-1"), position="sales")
    with pytest.raises(TypeError):
        db.set_target("signed_amount", 1.5, position="sales")
    with pytest.raises(pactum.ValidationError):
        db.set_target("signed_amount", Decimal("1"), position="sales", per="week")
    with pytest.raises(pactum.ValidationError):
        db.set_rule("lunch")
    with pytest.raises(pactum.ValidationError):
        db.set_bonus_bands([{"below": Decimal("80"), "rate": Decimal("-0.1")}, {"from": "70", "rate": "0"}])
    with pytest.raises(pactum.ValidationError):
        db.close_period("2024-Q1", D(2024, 3, 30))
    with pytest.raises(pactum.StateError):
        db.reopen_period("2024-Q1", "nothing to reopen", D(2024, 4, 30))
    with pytest.raises(pactum.ValidationError):
        db.close_period("2024-13")
    assert dump(path) == before


SCHEMA = __import__("pathlib").Path(__file__).resolve().parents[2] / "docs" / "kpi-template.schema.json"


def test_the_schema_lists_exactly_the_members_the_library_reads():
    import json

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    defs = schema["$defs"]
    full = {
        "id": "full",
        "version": 3,
        "name": "Full",
        "description": "d",
        "collection_grace_days": 5,
        "to_date": "year",
        "no_data": "zero",
        "indicators": [
            {"name": "a", "metric": "signed_amount", "types": ["sales"], "weight": "50", "normalisation": "linear",
             "floor": "0", "ceiling": 100, "per": "quarter", "scope": "to_date", "description": "d"},
            {"name": "b", "metric": "cycle_days", "types": ["sales"], "weight": 50, "normalisation": "target_lower",
             "target": "30"},
        ],
        "rules": [
            {"rule": "collection_80", "enabled": True, "points": "5", "cap": "10", "types": ["sales"],
             "threshold": "0.9"},
            {"rule": "late_delivery", "days": 3},
            {"rule": "breach", "days": 45, "triggers": ["event", "overdue"]},
        ],
    }
    assert set(full) == set(schema["properties"])
    assert set(full["indicators"][0]) | {"target"} == set(defs["indicator"]["properties"])
    assert set(full["rules"][0]) | {"days", "triggers"} == set(defs["rule"]["properties"])
    canonical = pactum.check_kpi_template(full)  # every member the schema lists is accepted
    assert canonical["collection_grace_days"] == 5 and canonical["version"] == 3
    assert (canonical["to_date"], canonical["no_data"], canonical["indicators"][0]["scope"]) == ("year", "zero", "to_date")
    breach = next(r for r in canonical["rules"] if r["rule"] == "breach")
    assert (breach["days"], breach["triggers"]) == (45, ["event", "overdue"])
    scopes = defs["indicator"]["properties"]["scope"]["enum"]
    for scope in scopes:
        doc = {"id": "s", "indicators": [{"name": "x", "metric": "collection_rate", "types": ["sales"], "weight": 100,
                                          "normalisation": "rate", "scope": scope}]}
        if scope == "event":  # not a scope of collection_rate
            with pytest.raises(pactum.ValidationError):
                pactum.check_kpi_template(doc)
        else:
            assert pactum.check_kpi_template(doc)["indicators"][0]["scope"] == scope
    for trigger in defs["rule"]["properties"]["triggers"]["items"]["enum"]:
        pactum.check_kpi_template(dict(full, rules=[{"rule": "breach", "triggers": [trigger]}]))
    with pytest.raises(pactum.ValidationError):
        pactum.check_kpi_template(dict(full, rules=[{"rule": "collection_80", "triggers": ["event"]}]))
    for where in (full, full["indicators"][0], full["rules"][0]):
        where["extra"] = 1
        with pytest.raises(pactum.ValidationError) as info:
            pactum.check_kpi_template(full)
        assert "extra" in str(info.value)
        del where["extra"]
    # The enumerations are the library's names.
    metrics = defs["indicator"]["properties"]["metric"]["enum"]
    for metric in metrics:
        doc = {"id": "m", "indicators": [{"name": "x", "metric": metric, "types": ["sales"], "weight": 100,
                                          "normalisation": "target", "target": 1}]}
        pactum.check_kpi_template(doc)
    rate_metrics = defs["indicator"]["allOf"][2]["then"]["properties"]["metric"]["enum"]
    for metric in metrics:
        doc = {"id": "m", "indicators": [{"name": "x", "metric": metric, "types": ["sales"], "weight": 100,
                                          "normalisation": "rate"}]}
        if metric in rate_metrics:
            pactum.check_kpi_template(doc)
        else:
            with pytest.raises(pactum.ValidationError):
                pactum.check_kpi_template(doc)
    for rule in defs["rule"]["properties"]["rule"]["enum"]:
        pactum.check_kpi_template(dict(full, rules=[{"rule": rule, "enabled": False}]))
    # The built-in templates use only what the schema lists.
    with pactum.open(":memory:") as db:
        for template in db.kpi_templates():
            assert set(template) <= set(schema["properties"])
            for indicator in template["indicators"]:
                assert set(indicator) <= set(defs["indicator"]["properties"])
                assert indicator["metric"] in metrics
