"""The exception classes mirror the error codes."""

import pytest

import pactum


def test_version():
    assert pactum.__version__.count(".") == 2
    assert all(part.isdigit() for part in pactum.__version__.split("."))


def test_hierarchy():
    for name in ["ValidationError", "NotFoundError", "ConflictError", "StateError", "StorageError"]:
        cls = getattr(pactum, name)
        assert issubclass(cls, pactum.Error)
        assert issubclass(cls, Exception)
        assert cls.__module__ == "pactum"
    assert issubclass(pactum.ValidationError, ValueError)
    assert issubclass(pactum.NotFoundError, LookupError)


@pytest.mark.parametrize(
    "code_name, cls_name",
    [
        ("PACTUM_EINVALID", "ValidationError"),
        ("PACTUM_EOVERFLOW", "ValidationError"),
        ("PACTUM_ECURRENCY", "ValidationError"),
        ("PACTUM_EPATTERN", "ValidationError"),
        ("PACTUM_ENOTFOUND", "NotFoundError"),
        ("PACTUM_ECONFLICT", "ConflictError"),
        ("PACTUM_ESTATE", "StateError"),
        ("PACTUM_ESEGREGATION", "StateError"),
        ("PACTUM_ENOTAPPROVER", "StateError"),
        ("PACTUM_EPOSTCLOSE", "StateError"),
        ("PACTUM_ESTORAGE", "StorageError"),
        ("PACTUM_EBUSY", "StorageError"),
        ("PACTUM_ECORRUPT", "StorageError"),
        ("PACTUM_ESCHEMA", "StorageError"),
    ],
)
def test_code_table(code_name, cls_name):
    assert pactum.error_class_for_code(pactum.ERROR_CODES[code_name]) is getattr(pactum, cls_name)


def test_codes_are_stable():
    assert pactum.ERROR_CODES["PACTUM_OK"] == 0
    assert pactum.ERROR_CODES["PACTUM_EINVALID"] == -1
    assert pactum.ERROR_CODES["PACTUM_ENOTFOUND"] == -2
    assert pactum.ERROR_CODES["PACTUM_ECONFLICT"] == -3
    assert pactum.ERROR_CODES["PACTUM_ESTATE"] == -4
    assert pactum.ERROR_CODES["PACTUM_ESTORAGE"] == -5


def test_error_carries_code_key_and_message():
    with pytest.raises(pactum.Error) as info:
        pactum.Money("abc", "CNY")
    err = info.value
    assert err.code == -1
    assert err.key == "core.bad_amount"
    assert "abc" in str(err)
