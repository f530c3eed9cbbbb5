"""The incremental KPI engine from Python: score listeners (one call per changed
scorecard with the totals before and after, none for a duplicate payment or a
rolled-back transaction, no writes from a listener), scorecards equal to the
reference evaluator's, another process's payment seen by the next scorecard,
the health check, snapshots and the engine's figures."""

import datetime
import os
import sqlite3
import subprocess
import sys
from decimal import Decimal

import pytest

import pactum

D = datetime.date
PERIODS = ["2024-01", "2024-Q1", "2024"]


def sign(db, owner="S1", amount="1000000.00", signed=D(2024, 1, 10), **kw):
    c = db.create_contract(
        type="sales",
        owner=owner,
        amount=Decimal(amount),
        signed=signed,
        end=D(2025, 12, 31),
        counterparty="华东机械有限公司",
        **kw,
    )
    db.activate(c, on=signed)
    return c


@pytest.fixture
def path(tmp_path):
    return str(tmp_path / "engine.db")


@pytest.fixture
def db(path):
    with pactum.open(path) as handle:
        handle.add_department("SD", "销售部")
        handle.add_employee("S1", "张三", "SD", "sales", hired=D(2020, 1, 1))
        handle.add_employee("S2", "李四", "SD", "sales", hired=D(2020, 1, 1))
        handle.advance_to(D(2024, 1, 20))
        yield handle


@pytest.fixture
def contract(db):
    return sign(
        db,
        installments=[(D(2024, 2, 10), Decimal("500000.00")), (D(2024, 3, 10), Decimal("500000.00"))],
    )


def totals(db, employee="S1"):
    return {p: db.scorecard(employee, p).total for p in PERIODS}


def test_a_payment_calls_once_per_changed_scorecard(db, contract):
    calls = []
    db.subscribe_scores(calls.append)
    before = totals(db)
    db.record_payment(contract, Decimal("500000.00"), on=D(2024, 1, 15), ref="P1")
    assert sorted(c["period"] for c in calls) == sorted(PERIODS)
    after = totals(db)
    for c in calls:
        assert c["employee"] == "S1"
        assert c["as_of"] == D(2024, 1, 20)
        assert isinstance(c["seq"], int)
        assert c["old_total"] == before[c["period"]]
        assert c["new_total"] == after[c["period"]]
        assert isinstance(c["new_total"], Decimal)
        assert c["old_total"] != c["new_total"]


def test_a_duplicate_payment_calls_nothing(db, contract):
    calls = []
    db.subscribe_scores(calls.append)
    db.record_payment(contract, Decimal("500000.00"), on=D(2024, 1, 15), ref="P1")
    calls.clear()
    db.record_payment(contract, Decimal("500000.00"), on=D(2024, 1, 15), ref="P1")
    assert calls == []


def test_the_clock_fires_a_deadline_once(db, contract):
    db.record_payment(contract, Decimal("500000.00"), on=D(2024, 1, 15), ref="P1")
    calls = []
    db.subscribe_scores(calls.append)
    before = totals(db)
    db.advance_to(D(2024, 3, 11))  # the second half was due on 2024-03-10
    # The overdue instalment is a hit on 2024-03-10: the scorecards of March,
    # Q1 and 2024 change, January's does not.
    assert sorted(c["period"] for c in calls) == ["2024", "2024-03", "2024-Q1"]
    for c in calls:
        assert c["new_total"] - c["old_total"] == Decimal("-3.00")
        assert c["new_total"] == db.scorecard("S1", c["period"]).total
        if c["period"] in before:
            assert c["old_total"] == before[c["period"]]
    calls.clear()
    db.advance_to(D(2024, 3, 20))
    assert calls == []


def test_a_transaction_calls_after_its_commit_only(db, contract):
    calls = []
    db.subscribe_scores(calls.append)
    with pytest.raises(RuntimeError):
        with db.transaction():
            db.record_satisfaction(contract, 90, on=D(2024, 1, 16))
            raise RuntimeError("roll back")
    assert calls == []
    with db.transaction():
        db.record_satisfaction(contract, 90, on=D(2024, 1, 16))
        assert calls == []
        with pytest.raises(pactum.StateError):
            db.subscribe_scores(calls.append)
    assert len(calls) == 3


def test_a_listener_may_read_but_not_write(db, contract):
    seen = []

    def listener(change):
        seen.append(db.scorecard(change["employee"], change["period"]).total)
        with pytest.raises(pactum.StateError):
            db.record_dispute(contract, reason="from a listener")

    db.subscribe_scores(listener)
    db.record_payment(contract, Decimal("100000.00"), on=D(2024, 1, 15), ref="P1")
    assert len(seen) == 3
    assert all(e["type"] != "dispute" for e in db.events(contract))


def test_a_failing_listener_does_not_undo_the_change(db, contract, monkeypatch):
    reported = []
    monkeypatch.setattr(sys, "unraisablehook", reported.append)

    def listener(change):
        raise ValueError("listener bug")

    token = db.subscribe_scores(listener)
    db.record_payment(contract, Decimal("100000.00"), on=D(2024, 1, 15), ref="P1")
    assert db.execution(contract)["collected"] == Decimal("100000.00")
    # Each call's error is reported as unraisable, not lost and not raised.
    assert len(reported) == 3
    assert all(isinstance(r.exc_value, ValueError) for r in reported)
    db.unsubscribe_scores(token)


def test_unsubscribe_and_bad_arguments(db, contract):
    calls = []
    token = db.subscribe_scores(calls.append)
    db.unsubscribe_scores(token)
    db.record_payment(contract, Decimal("100000.00"), on=D(2024, 1, 15), ref="P1")
    assert calls == []
    with pytest.raises(pactum.NotFoundError):
        db.unsubscribe_scores(token)
    with pytest.raises(TypeError):
        db.subscribe_scores("not callable")
    with pytest.raises(TypeError):
        db.unsubscribe_scores(-1)


def test_scorecards_are_the_reference_evaluators(db, contract):
    db.record_payment(contract, Decimal("850000.00"), on=D(2024, 1, 15), ref="P1")
    db.record_delivery(contract, on=D(2024, 1, 18))
    db.reverse_payment("P1", on=D(2024, 1, 19))
    card = db.scorecard("S1", "2024-Q1")
    assert card.rule_points("collection_80") == Decimal("0")
    before = db.kpi_engine_stats()
    # As of the clock or an earlier date: the engine (it holds every fact
    # with its date); a later date or a custom range: the reference
    # evaluator, which the engine agrees with where both answer.
    assert db.scorecard("S1", "2024-Q1", as_of=D(2024, 1, 20)).to_dict() == card.to_dict()
    earlier = db.scorecard("S1", "2024-Q1", as_of=D(2024, 1, 18))
    assert earlier.rule_points("collection_80") == Decimal("5.00")
    custom = db.scorecard("S1", "2024-01-01..2024-02-15")
    assert custom.rule_points("collection_80") == Decimal("0")
    later = db.scorecard("S1", "2024-Q1", as_of=D(2024, 3, 1))
    assert later.as_of == D(2024, 3, 1)
    after = db.kpi_engine_stats()
    assert after["reference_answers"] == before["reference_answers"] + 2
    assert after["incremental_answers"] == before["incremental_answers"] + 2
    assert after["loaded"] is True
    assert after["contracts"] == 1
    assert after["last_seq"] == db.last_event_seq()


def test_another_processs_payment_is_in_the_next_scorecard(db, contract, path):
    calls = []
    db.subscribe_scores(calls.append)
    assert db.scorecard("S1", "2024-Q1").indicator("collection_rate")["value"] == Decimal("0")
    code = (
        "import datetime, decimal, pactum\n"
        f"with pactum.open({path!r}) as db:\n"
        f"    db.record_payment({contract.number!r}, decimal.Decimal('250000.00'),"
        " on=datetime.date(2024, 1, 18), ref='REMOTE-1')\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    card = db.scorecard("S1", "2024-Q1")
    assert card.indicator("collection_rate")["value"] == Decimal("0.25")
    assert sorted(c["period"] for c in calls) == sorted(PERIODS)


def test_health_check_and_snapshots(db, contract, path):
    db.record_payment(contract, Decimal("300000.00"), on=D(2024, 1, 15), ref="P1")
    health = db.kpi_health()
    assert health["ok"] is True
    assert health["differences"] == []
    assert health["repaired"] is False
    assert health["last_seq"] == db.last_event_seq()
    assert health["as_of"] == D(2024, 1, 20)
    assert health["contracts"] == 1
    db.save_kpi_snapshot()
    assert db.kpi_engine_stats()["snapshots_written"] == 1
    con = sqlite3.connect(path)
    head = con.execute("SELECT data FROM kpi_snapshot WHERE part = 0").fetchone()[0]
    con.close()
    assert head.startswith("pactum-kpi-snapshot 2 %d " % db.last_event_seq())
    with pactum.open(path) as other:
        assert other.scorecard("S1", "2024-Q1").to_dict() == db.scorecard("S1", "2024-Q1").to_dict()
        stats = other.kpi_engine_stats()
        assert stats["snapshots_loaded"] == 1
        assert stats["replays"] == 0
    with db.transaction():
        with pytest.raises(pactum.StateError):
            db.kpi_health()
        with pytest.raises(pactum.StateError):
            db.save_kpi_snapshot()
