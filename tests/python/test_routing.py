"""Approval routing from Python: checking, evaluating, the default table."""

import json
import pathlib
from decimal import Decimal

import pytest

import pactum

ARTICLE = {
    "id": "article",
    "version": 1,
    "hit_policy": "UNIQUE",
    "inputs": [{"name": "type", "type": "text"}, {"name": "amount", "type": "money"}],
    "rules": [
        {"id": "over-100000", "when": {"amount": "> 100000"}, "route": [{"role": "general_manager"}]},
        {"id": "under-50000", "when": {"amount": "< 50000"}, "route": [{"role": "dept_manager"}]},
    ],
}

SCHEMA = pathlib.Path(__file__).resolve().parents[2] / "docs" / "routing-table.schema.json"


def test_the_articles_table_has_one_gap_from_50000_to_100000():
    findings = pactum.check_routing(ARTICLE)
    assert len(findings) == 1
    gap = findings[0]
    assert gap["kind"] == "gap"
    assert gap["severity"] == "error"
    assert gap["rules"] == []
    assert gap["region"] == {"amount": "[50000, 100000]"}
    assert "[50000, 100000]" in gap["message"]
    assert "缺口" in gap["messages"]["zh-CN"]
    assert pactum.check_routing(ARTICLE, lang="zh-CN")[0]["message"] == gap["messages"]["zh-CN"]
    # JSON text works as well as a dict.
    assert pactum.check_routing(json.dumps(ARTICLE)) == findings


def test_the_default_table_checks_clean_and_routes_by_amount():
    table = pactum.default_routing_table()
    assert table["id"] == "default"
    assert pactum.check_routing(table) == []

    def route(type_, amount):
        result = pactum.evaluate_routing(table, {"type": type_, "amount": amount, "currency": "CNY"})
        return [step["role"] for step in result["route"]]

    assert route("sales", Decimal("49999.99")) == ["dept_manager"]
    assert route("sales", Decimal("50000")) == ["dept_manager", "finance"]
    assert route("sales", 100000) == ["dept_manager", "finance"]
    assert route("sales", "100000.01") == ["dept_manager", "finance", "general_manager"]
    assert route("labour", Decimal("1000000")) == ["dept_manager", "hr"]


def test_evaluation_returns_the_route_and_the_audit_record():
    table = {
        "id": "collect",
        "version": 4,
        "hit_policy": "COLLECT",
        "inputs": [
            {"name": "amount", "type": "money"},
            {"name": "key_account", "type": "boolean"},
            {"name": "region", "type": "attribute"},
        ],
        "rules": [
            {"id": "base", "route": [{"role": "finance", "mode": {"k": 2}}, {"role": "dept_manager"}]},
            {
                "id": "key",
                "when": {"key_account": True, "region": '"east"'},
                "route": [{"role": "finance", "mode": "all", "deadline_days": 2, "escalate_to": {"person": "E9"}}],
            },
        ],
    }
    result = pactum.evaluate_routing(
        table, {"amount": pactum.Money("1200.50", "CNY"), "key_account": True, "attributes": {"region": "east"}}
    )
    assert result["route"] == [
        {"role": "dept_manager", "mode": "any"},
        {"role": "finance", "mode": "all", "deadline_days": 2, "escalate_to": {"person": "E9"}},
    ]
    audit = result["audit"]
    assert audit["table"] == "collect"
    assert audit["table_version"] == 4
    assert audit["hit_policy"] == "COLLECT"
    assert audit["matched_rules"] == ["base", "key"]
    assert audit["inputs"] == {"amount": Decimal("1200.50"), "key_account": True, "region": "east"}
    assert isinstance(audit["inputs"]["amount"], Decimal)


def test_no_route_is_a_state_error_naming_the_rules():
    with pytest.raises(pactum.StateError) as info:
        pactum.evaluate_routing(ARTICLE, {"type": "sales", "amount": Decimal("75000")})
    assert info.value.code == pactum.ERROR_CODES["PACTUM_ENOROUTE"]
    assert "amount=75000" in str(info.value)
    overlapping = dict(ARTICLE, rules=ARTICLE["rules"] + [{"id": "all", "route": [{"role": "x"}]}])
    with pytest.raises(pactum.StateError) as info:
        pactum.evaluate_routing(overlapping, {"amount": 10})
    assert "'under-50000', 'all'" in str(info.value)


@pytest.mark.parametrize(
    "change, fragments",
    [
        ({"rules": [{"id": "r1", "when": {"amount": "< 5x"}, "route": [{"role": "a"}]}]},
         ["rule 'r1' (number 1)", "input 'amount'", "position 4"]),
        ({"rules": [{"id": "r1", "when": {"amout": "< 5"}, "route": [{"role": "a"}]}]}, ["'amout'"]),
        ({"rules": [{"id": "r1", "route": []}]}, ["rule 'r1' (number 1) has an empty route"]),
        ({"hit_policy": "MOSTLY"}, ["'MOSTLY'"]),
        ({"rules": [{"id": "r1", "route": [{"role": "a"}, {"mode": "all"}]}]}, ["step 2", "neither a role nor a person"]),
        ({"rules": [{"id": "r1", "when": {"type": "sales"}, "route": [{"role": "a"}]}]}, ["position 1", "double quotes"]),
    ],
)
def test_malformed_tables_point_at_the_rule_and_the_cell(change, fragments):
    with pytest.raises(pactum.ValidationError) as info:
        pactum.check_routing(dict(ARTICLE, **change))
    assert info.value.code == pactum.ERROR_CODES["PACTUM_EINVALID"]
    for fragment in fragments:
        assert fragment in str(info.value)


def test_bad_json_and_bad_arguments():
    with pytest.raises(pactum.ValidationError) as info:
        pactum.check_routing('{"id": "x",')
    assert "line 1" in str(info.value)
    with pytest.raises(TypeError):
        pactum.check_routing(42)
    with pytest.raises(TypeError):
        pactum.check_routing({"id": "x", "when": object()})
    with pytest.raises(pactum.ValidationError):
        pactum.check_routing(dict(ARTICLE, version=1.5))  # floats are never document numbers
    with pytest.raises(pactum.ValidationError):
        pactum.check_routing(ARTICLE, lang="fr")


def test_bad_inputs():
    with pytest.raises(TypeError):
        pactum.evaluate_routing(ARTICLE, {"amount": 75000.5})  # a float is never money
    with pytest.raises(TypeError):
        pactum.evaluate_routing(ARTICLE, {"type": 5, "amount": 1})
    with pytest.raises(TypeError):
        pactum.evaluate_routing(ARTICLE, ["amount", 1])
    with pytest.raises(TypeError):
        pactum.evaluate_routing(ARTICLE, {"amount": 1, "attributes": {"x": 1.5}})
    with pytest.raises(pactum.ValidationError):
        pactum.evaluate_routing(ARTICLE, {"amount": Decimal("-1")})
    with pytest.raises(pactum.ValidationError):
        pactum.evaluate_routing(ARTICLE, {"amount": Decimal("1.00001")})
    with pytest.raises(pactum.ValidationError):
        pactum.evaluate_routing(ARTICLE, {"type": "sales"})  # no amount
    with pytest.raises(pactum.ValidationError):
        pactum.evaluate_routing(ARTICLE, {"amount": 1, "colour": "red"})
    with pytest.raises(pactum.ValidationError):
        pactum.evaluate_routing(ARTICLE, {"amount": 1, "version": 2})
    with pytest.raises(pactum.ValidationError):
        pactum.evaluate_routing(ARTICLE, {"amount": Decimal("NaN")})


def test_a_role_nobody_holds_is_not_an_error():
    table = dict(ARTICLE, rules=[{"route": [{"role": "nobody_holds_this"}]}])
    assert pactum.check_routing(table) == []
    assert pactum.evaluate_routing(table, {"amount": 1})["route"] == [{"role": "nobody_holds_this", "mode": "any"}]


def test_the_schema_lists_exactly_the_members_the_parser_accepts():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    defs = schema["$defs"]
    full = {
        "$schema": "x",
        "id": "full",
        "version": 1,
        "hit_policy": "rule_order",
        "description": "d",
        "inputs": [
            {"name": "amount", "type": "money", "currency": "CNY", "min": "0", "max": 1000, "description": "d"},
            {"name": "g", "type": "attribute", "attribute": "grade", "value_type": "enum", "values": ["A"],
             "default": "A", "description": "d"},
        ],
        "step_order": ["hr", {"person": "E1"}],
        "rules": [
            {"id": "r", "description": "d", "when": {"amount": 5, "g": '"A"'},
             "route": [{"role": "hr", "mode": {"k": 2}, "deadline_days": 1, "escalate_to": {"role": "x"}}]},
        ],
    }
    assert set(full) == set(schema["properties"])
    assert set(full["inputs"][0]) | set(full["inputs"][1]) == set(defs["input"]["properties"])
    assert set(full["rules"][0]) == set(defs["rule"]["properties"])
    step = full["rules"][0]["route"][0]
    assert set(step) | {"person"} == set(defs["step"]["properties"])
    pactum.check_routing(full)  # every member the schema lists is accepted
    for where in (full, full["inputs"][0], full["rules"][0], step):
        where["extra"] = 1
        with pytest.raises(pactum.ValidationError) as info:
            pactum.check_routing(full)
        assert "extra" in str(info.value)
        del where["extra"]
    # The shipped default table is a valid document of the schema's shape.
    default = json.loads((SCHEMA.parent / "routing-default.json").read_text(encoding="utf-8"))
    assert set(default) <= set(schema["properties"])
    assert default == pactum.default_routing_table()


def test_a_new_database_routes_with_the_default_table():
    with pactum.open(":memory:") as db:
        assert db.routing_tables() == [{"id": "default", "version": 1, "current": True}]
        assert db.routing_table()["id"] == "default"
        assert db.routing_table("default", 1) == db.routing_table()
        result = db.evaluate_routing({"type": "sales", "amount": Decimal("75000")})
        assert [s["role"] for s in result["route"]] == ["dept_manager", "finance"]
        assert result["audit"]["table"] == "default"
        assert result["audit"]["table_version"] == 1


def test_load_routing_refuses_gaps_unless_allowed(tmp_path):
    path = str(tmp_path / "routing.db")
    with pactum.open(path) as db:
        with pytest.raises(pactum.ValidationError) as info:
            db.load_routing(ARTICLE)
        assert "1 gap(s)" in str(info.value)
        assert db.routing_table()["id"] == "default"
        findings = db.load_routing(ARTICLE, allow_gaps=True)
        assert [f["region"] for f in findings] == [{"amount": "[50000, 100000]"}]
        assert db.routing_table()["id"] == "article"
        with pytest.raises(pactum.StateError):
            db.evaluate_routing({"amount": 75000})
    with pactum.open(path) as db:  # stored
        assert db.routing_table()["id"] == "article"
        assert db.evaluate_routing({"amount": 150000})["audit"]["matched_rules"] == ["over-100000"]


def test_versions_are_immutable_and_every_version_stays_readable():
    db = pactum.open(":memory:")
    table = dict(ARTICLE, rules=[{"id": "all", "route": [{"role": "finance"}]}])
    db.load_routing(table)
    changed = dict(table, rules=[{"id": "all", "route": [{"role": "legal"}]}])
    with pytest.raises(pactum.ConflictError):
        db.load_routing(changed)
    db.load_routing(dict(changed, version=2))
    with pytest.raises(pactum.ConflictError):
        db.load_routing(dict(ARTICLE, version=1, rules=changed["rules"], id="article", hit_policy="FIRST"))
    assert db.routing_table("article", 1)["rules"][0]["route"] == [{"role": "finance", "mode": "any"}]
    assert db.routing_table("article")["version"] == 2
    assert db.routing_tables() == [
        {"id": "article", "version": 1, "current": False},
        {"id": "article", "version": 2, "current": True},
        {"id": "default", "version": 1, "current": False},
    ]
    with pytest.raises(pactum.NotFoundError):
        db.routing_table("article", 9)
    with pytest.raises(pactum.NotFoundError):
        db.routing_table("nobody")
    with pytest.raises(pactum.ValidationError):
        db.routing_table(version=1)


def test_a_load_inside_a_rolled_back_transaction_leaves_no_trace():
    db = pactum.open(":memory:")
    with pytest.raises(RuntimeError):
        with db.transaction():
            db.load_routing(ARTICLE, allow_gaps=True)
            assert db.routing_table()["id"] == "article"
            raise RuntimeError("undo")
    assert db.routing_table()["id"] == "default"
    assert len(db.routing_tables()) == 1


def test_database_messages_use_the_handles_language():
    db = pactum.open(":memory:", lang="zh-CN")
    assert "缺口" in db.check_routing(ARTICLE)[0]["message"]
    with pytest.raises(pactum.ValidationError) as info:
        db.load_routing(dict(ARTICLE, rules=[{"id": "r1", "route": []}]))
    assert "规则“r1”(第 1 条)" in str(info.value)
    with pytest.raises(pactum.ValidationError) as info:
        db.load_routing(ARTICLE)
    assert "未载入" in str(info.value)
    db.close()
    with pytest.raises(pactum.StorageError):
        db.routing_tables()
