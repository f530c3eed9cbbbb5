"""pactum.open, handles, languages and transactions."""

import datetime
import sqlite3

import pytest

import pactum


def test_open_memory_and_file(tmp_path):
    with pactum.open(":memory:") as db:
        assert db.reporting_currency == "CNY"
        assert db.lang == "en"
        assert db.today() == datetime.date.today()
        assert db.clock is None
    path = tmp_path / "company.db"
    with pactum.open(str(path), currency="USD", lang="zh-CN") as db:
        assert db.reporting_currency == "USD"
        assert db.lang == "zh-CN"
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("PRAGMA user_version").fetchone()[0] == pactum.SCHEMA_VERSION
    con.close()


def test_closed_handle_raises_storage_error():
    db = pactum.open(":memory:")
    db.close()
    db.close()  # idempotent
    with pytest.raises(pactum.StorageError):
        db.reporting_currency


def test_newer_schema_refused(tmp_path):
    path = tmp_path / "future.db"
    pactum.open(str(path)).close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 999")
    con.close()
    with pytest.raises(pactum.StorageError) as info:
        pactum.open(str(path))
    assert info.value.code == pactum.ERROR_CODES["PACTUM_ESCHEMA"]
    assert "999" in str(info.value)


def test_currency_conflict_and_bad_arguments(tmp_path):
    path = str(tmp_path / "x.db")
    pactum.open(path).close()
    with pytest.raises(pactum.ConflictError):
        pactum.open(path, currency="EUR")
    with pytest.raises(pactum.ValidationError):
        pactum.open(":memory:", lang="fr")
    with pytest.raises(pactum.ValidationError):
        pactum.open(":memory:", durability="sometimes")
    with pytest.raises(pactum.ValidationError):
        pactum.open(":memory:", currency="RMB")


def test_transaction_context_manager():
    db = pactum.open(":memory:")
    with db.transaction():
        assert db.in_transaction
        with db.transaction():  # a savepoint
            assert db.in_transaction
    assert not db.in_transaction
    with pytest.raises(RuntimeError):
        with db.transaction():
            raise RuntimeError("boom")
    assert not db.in_transaction
    t = db.transaction()
    with t:
        t.rollback()
    with pytest.raises(pactum.StateError):
        t.commit()
    assert not db.in_transaction
