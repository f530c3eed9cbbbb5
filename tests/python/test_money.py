"""pactum.Money: exact money with Decimal in and out, never a float."""

import pickle
from decimal import Decimal
from fractions import Fraction

import pytest

import pactum
from pactum import Money


def test_decimal_round_trip():
    m = Money("1000000.00", "CNY")
    assert m.amount == Decimal("1000000.00")
    assert isinstance(m.amount, Decimal)
    assert m.currency == "CNY"
    assert Money(Decimal("0.1234"), "CNY").amount == Decimal("0.1234")
    assert Money(5, "JPY").amount == Decimal("5")
    assert str(Money("5", "CNY")) == "5.00 CNY"
    assert repr(Money("5", "CNY")) == "Money('5.00', 'CNY')"
    # Exponent notation of a Decimal is converted exactly, not refused.
    assert Money(Decimal("1E+5"), "CNY").amount == Decimal("100000")
    for text in ["0.01", "-12.3456", "922337203685477.5807"]:
        assert Money(Decimal(text), "CNY").amount == Decimal(text)


def test_float_is_a_type_error():
    with pytest.raises(TypeError):
        Money(1.5, "CNY")
    with pytest.raises(TypeError):
        Money("1", "CNY") * 1.5
    with pytest.raises(TypeError):
        Money(True, "CNY")
    with pytest.raises(TypeError):
        pactum.round_decimal(0.125, 2)


def test_arithmetic_is_exact():
    a = Money("0.10", "CNY")
    b = Money("0.20", "CNY")
    assert (a + b).amount == Decimal("0.30")
    assert (a - b).amount == Decimal("-0.10")
    assert (-a).amount == Decimal("-0.10")
    assert (Money("1000000", "CNY") * Decimal("0.3")).amount == Decimal("300000")
    assert (3 * Money("1.10", "CNY")).amount == Decimal("3.30")
    assert Money("300000", "CNY") / Money("1000000", "CNY") == Fraction(3, 10)
    assert Money("1", "CNY") < Money("2", "CNY")
    assert Money("1", "CNY") == Money("1.00", "CNY")
    assert Money("1", "CNY") != Money("1", "USD")
    assert hash(Money("1", "CNY")) == hash(Money("1.0", "CNY"))


def test_rounding_policies():
    assert Money("0.125", "CNY").round(2).amount == Decimal("0.12")
    assert Money("0.135", "CNY").round(2).amount == Decimal("0.14")
    assert Money("-2.5", "CNY").round(0).amount == Decimal("-2")
    assert Money("-2.5", "CNY").round(0, "half_up").amount == Decimal("-3")
    assert pactum.round_decimal(Decimal("0.125"), 2) == Decimal("0.12")
    assert pactum.round_decimal("-2.5", 0, "half_up") == Decimal("-3")
    assert pactum.ratio(1, 3, 4) == Decimal("0.3333")
    assert pactum.ratio(Decimal("300000"), Decimal("1000000"), 2) * 30 == Decimal("9.00")
    with pytest.raises(pactum.ValidationError):
        pactum.round_decimal("1", 2, "sideways")


def test_allocation():
    assert [p.amount for p in Money("100.00", "CNY").allocate([1, 1, 1])] == [
        Decimal("33.34"),
        Decimal("33.33"),
        Decimal("33.33"),
    ]
    assert [p.amount for p in Money("100", "JPY").allocate([1, 1, 1])] == [34, 33, 33]
    parts = Money("1000000", "CNY").allocate([3, 5, 2])
    assert [p.amount for p in parts] == [300000, 500000, 200000]
    assert sum((p for p in parts), Money("0", "CNY")) == Money("1000000", "CNY")
    with pytest.raises(pactum.ValidationError):
        Money("1", "CNY").allocate([0, 0])


@pytest.mark.parametrize("bad", ["1e5", "abc", "1.2.3", "", " 1", "1.23456", "1,000.00"])
def test_malformed_amounts_are_validation_errors(bad):
    with pytest.raises(pactum.ValidationError) as info:
        Money(bad, "CNY")
    assert info.value.code == pactum.ERROR_CODES["PACTUM_EINVALID"]
    assert isinstance(info.value, ValueError)


def test_overflow_and_currency_errors():
    big = Money("922337203685477.5807", "CNY")
    with pytest.raises(pactum.ValidationError) as info:
        big + Money("0.0001", "CNY")
    assert info.value.code == pactum.ERROR_CODES["PACTUM_EOVERFLOW"]
    with pytest.raises(pactum.ValidationError) as info:
        Money("1", "CNY") + Money("1", "USD")
    assert info.value.code == pactum.ERROR_CODES["PACTUM_ECURRENCY"]
    with pytest.raises(pactum.ValidationError):
        Money("1", "RMB")
    with pytest.raises(pactum.ValidationError):
        Money(Decimal("NaN"), "CNY")


def test_pickle_round_trip():
    m = Money("12.34", "EUR")
    assert pickle.loads(pickle.dumps(m)) == m
