"""The numbering engine from Python: rules, scopes, issuance, rollback,
parse-back, void, prefix search, and the table of compile and field errors
(the same table as tests/numbering/errors_test.cpp and
tests/capi/numbering_test.c)."""

import datetime
import random
import sqlite3

import pytest

import pactum

D = datetime.date(2024, 3, 1)
EPATTERN = pactum.ERROR_CODES["PACTUM_EPATTERN"]
EINVALID = pactum.ERROR_CODES["PACTUM_EINVALID"]


def dump(path):
    """Every row of every table of the file, to compare before and after."""
    con = sqlite3.connect(path)
    try:
        out = []
        for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
            rows = con.execute(f'SELECT * FROM "{table}"').fetchall()
            out.append((table, sorted(rows, key=repr)))
        return out
    finally:
        con.close()


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "numbers.db")
    with pactum.open(path, durability="normal") as handle:
        yield handle


def test_the_article_numbers(db):
    assert db.define_numbering("sales", "{type}-{year}-{dept}-{seq:3}") == 1
    assert db.issue_number("sales", on=D, type="XSC", dept="SD") == "XSC-2024-SD-001"
    numbers = [db.issue_number("sales", D, type="LD", dept="HR") for _ in range(5)]
    assert numbers[-1] == "LD-2024-HR-005"
    db.define_numbering("contract", "HT-{year}-{dept_name}-{employee_name}-{seq:3}")
    assert db.issue_number("contract", D, dept_name="销售部", employee_name="张三") == "HT-2024-销售部-张三-001"


def test_scopes_are_independent_and_reset_with_the_year(db):
    db.define_numbering("sales", "{type}-{year}-{dept}-{seq:3}")
    assert db.issue_number("sales", D, type="XSC", dept="SD") == "XSC-2024-SD-001"
    assert db.issue_number("sales", D, type="XSC", dept="HR") == "XSC-2024-HR-001"
    assert db.issue_number("sales", D, type="XSC", dept="SD") == "XSC-2024-SD-002"
    assert db.issue_number("sales", datetime.date(2025, 1, 2), type="XSC", dept="SD") == "XSC-2025-SD-001"
    with db.transaction():
        for _ in range(997):
            last = db.issue_number("sales", D, type="XSC", dept="SD")
    assert last == "XSC-2024-SD-999"
    assert db.issue_number("sales", "2024-12-31", type="XSC", dept="SD") == "XSC-2024-SD-1000"


def test_rollback_gives_the_number_back(db):
    db.define_numbering("sales", "{type}-{year}-{dept}-{seq:3}")
    db.issue_number("sales", D, type="XSC", dept="SD")
    with pytest.raises(RuntimeError):
        with db.transaction():
            assert db.issue_number("sales", D, type="XSC", dept="SD") == "XSC-2024-SD-002"
            raise RuntimeError("the contract could not be stored")
    assert db.issue_number("sales", D, type="XSC", dept="SD") == "XSC-2024-SD-002"


def test_preview_does_not_consume(db):
    db.define_numbering("sales", "{type}-{year}-{dept}-{seq:3}")
    assert db.preview_number("sales", D, type="XSC", dept="SD") == "XSC-2024-SD-001"
    assert db.preview_number("sales", on=D, type="XSC", dept="SD") == "XSC-2024-SD-001"
    assert db.issue_number("sales", D, type="XSC", dept="SD") == "XSC-2024-SD-001"
    assert db.preview_number("sales", D, type="XSC", dept="SD") == "XSC-2024-SD-002"


def test_on_defaults_to_the_database_clock(db):
    db.define_numbering("n", "N{year}-{seq}")
    assert db.issue_number("n") == f"N{db.today().year}-1"
    assert db.issued_number(f"N{db.today().year}-1")["issued_on"] == db.today()


def test_parse_number_returns_fields_and_an_int_seq(db):
    db.define_numbering("sales", "{type}-{year}-{dept}-{seq:3}")
    assert db.parse_number("sales", "XSC-2024-SD-001") == {"type": "XSC", "year": "2024", "dept": "SD", "seq": 1}
    assert isinstance(db.parse_number("sales", "XSC-2024-SD-1000")["seq"], int)
    with pytest.raises(pactum.ValidationError) as info:
        db.parse_number("sales", "XSC-2024-SD")
    assert info.value.code == EINVALID
    with pytest.raises(pactum.NotFoundError):
        db.parse_number("nope", "XSC-2024-SD-001")


def test_parse_of_issue_gives_the_fields_back():
    with pactum.open(":memory:", durability="normal") as db:
        db.define_numbering("r", "{type}/{yy}{month}-{dept}.{seq:4}{check}")
        rng = random.Random(3)
        for _ in range(300):
            fields = {"type": rng.choice(["XSC", "LD", "HT9"]), "dept": rng.choice(["SD", "HR", "A1"])}
            on = datetime.date(2000, 1, 1) + datetime.timedelta(days=rng.randrange(9000))
            number = db.issue_number("r", on, **fields)
            back = db.parse_number("r", number)
            assert {k: back[k] for k in fields} == fields
            assert back["yy"] == f"{on.year % 100:02d}" and back["month"] == f"{on.month:02d}"
            assert pactum.check_character(number[:-1]) == number[-1]


def test_rules_are_versioned(db):
    assert db.define_numbering("sales", "{type}-{seq:3}") == 1
    assert db.define_numbering("sales", "{type}-{seq:3}") == 1
    assert db.issue_number("sales", D, type="A") == "A-001"
    assert db.define_numbering("sales", "{type}/{seq:4}", mode="fast") == 2
    rule = db.numbering_rule("sales")
    assert rule == {"id": "sales", "version": 2, "pattern": "{type}/{seq:4}", "mode": "fast", "fields": ["type"]}
    assert "sales" in [r["id"] for r in db.numbering_rules()]
    assert db.issue_number("sales", D, type="A") == "A/0002"
    assert db.parse_number("sales", "A-001")["seq"] == 1
    with pytest.raises(pactum.ValidationError):
        db.define_numbering("sales", "{type}-{seq}", mode="quick")
    with pytest.raises(pactum.NotFoundError):
        db.numbering_rule("nope")


def test_void_and_registry(db):
    db.define_numbering("sales", "{type}-{seq:3}")
    number = db.issue_number("sales", D, owner="crm:42", type="XSC")
    entry = db.issued_number(number)
    assert entry == {
        "number": "XSC-001", "rule": "sales", "rule_version": 1, "seq": 1, "issued_on": D,
        "owner": "crm:42", "voided": False, "void_reason": None, "voided_on": None,
    }
    db.void_number(number, "spoiled form", on=datetime.date(2024, 3, 2))
    entry = db.issued_number(number)
    assert entry["voided"] and entry["void_reason"] == "spoiled form"
    assert entry["voided_on"] == datetime.date(2024, 3, 2)
    assert db.issue_number("sales", D, type="XSC") == "XSC-002"
    with pytest.raises(pactum.StateError):
        db.void_number(number, "again")
    with pytest.raises(pactum.NotFoundError):
        db.void_number("XSC-404", "typo")
    with pytest.raises(pactum.ValidationError):
        db.void_number("XSC-002", "")
    with pytest.raises(pactum.NotFoundError):
        db.issued_number("XSC-404")


def test_prefix_search_and_paging(db):
    db.define_numbering("sales", "{type}-{year}-{dept}-{seq:3}")
    db.define_numbering("contract", "HT-{year}-{dept_name}-{employee_name}-{seq:3}")
    with db.transaction():
        sd = [db.issue_number("sales", D, type="XSC", dept="SD") for _ in range(23)]
        db.issue_number("sales", D, type="XSC", dept="SDX")
        db.issue_number("sales", datetime.date(2023, 5, 5), type="XSC", dept="SD")
        sales_dept = [db.issue_number("contract", D, dept_name="销售部", employee_name=who) for who in ("张三", "李四")]
        db.issue_number("contract", D, dept_name="采购部", employee_name="张三")
    assert db.find_numbers("XSC-2024-SD-", limit=100) == sd
    assert len(db.find_numbers("XSC-2024-SD", limit=100)) == 24
    assert db.find_numbers("HT-2024-销售部") == sorted(sales_dept)
    pages, after = [], None
    while True:
        page = db.find_numbers("XSC-2024-SD-", limit=10, after=after)
        if not page:
            break
        pages.append(page)
        after = page[-1]
    assert [len(p) for p in pages] == [10, 10, 3]
    assert sum(pages, []) == sd
    assert db.find_numbers("XSC-2024-SD%") == []
    assert db.find_numbers("XSC_2024") == []
    with pytest.raises(pactum.ValidationError):
        db.find_numbers("X", limit=0)


def test_patterns_and_check_characters_without_a_database():
    info = pactum.check_numbering_pattern("{type}-{year}-{seq:3}{check}")
    assert info == {"pattern": "{type}-{year}-{seq:3}{check}", "fields": ["type"], "seq_width": 3, "check": True}
    assert pactum.check_character("XSC-2024-001") == pactum.check_character("XSC2024001")
    assert pactum.check_character("XSC2024001") in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*"
    with pytest.raises(pactum.ValidationError) as info:
        pactum.check_numbering_pattern("{type}{dept}-{seq}")
    assert info.value.code == EPATTERN


def test_argument_types(db):
    db.define_numbering("sales", "{type}-{dept}-{seq:3}")
    with pytest.raises(TypeError):
        db.issue_number("sales", D, type="XSC", dept=7)
    with pytest.raises(TypeError):
        db.issue_number("sales", D, type=None, dept="SD")
    with pytest.raises(TypeError):
        db.issue_number("sales", datetime.datetime(2024, 3, 1, 12, 0), type="XSC", dept="SD")
    with pytest.raises(pactum.ValidationError):
        db.issue_number("sales", "2024-02-30", type="XSC", dept="SD")
    with pytest.raises(pactum.ValidationError):
        db.issue_number("sales", D, owner="", type="XSC", dept="SD")
    assert db.find_numbers("") == []


# ---- the error table (acceptance 8) ------------------------------------------------

COMPILE_ERRORS = [
    ("unknown token", "{type}-{bogus-token}-{seq:3}", EPATTERN, "'{bogus-token}' at character 8", "第 8 个字符"),
    ("unbalanced brace", "{type-{seq:3}", EPATTERN, "character 1", "第 1 个字符"),
    ("closing brace alone", "XSC}-{seq:3}", EPATTERN, "'}' at character 4", "第 4 个字符"),
    ("no seq", "{type}-{year}", EPATTERN, "{seq:3}", "缺少序号"),
    ("two seq", "{seq:3}-{seq:4}", EPATTERN, "character 9", "第 9 个字符"),
    ("width zero", "A-{seq:0}", EPATTERN, "1..18", "1..18"),
    ("width 19", "A-{seq:19}", EPATTERN, "character 3", "第 3 个字符"),
    ("touching fields", "{type}{dept}-{seq}", EPATTERN, "{type} and {dept} touch at character 7", "第 7 个字符"),
    ("touching seq", "{type}-{seq:3}{dept}", EPATTERN, "character 15", "第 15 个字符"),
    ("two check", "{seq:3}{check}{check}", EPATTERN, "character 15", "第 15 个字符"),
    ("ambiguous text", "{seq:3}7{type}", EPATTERN, "character 8", "第 8 个字符"),
    ("control character", "A\tB-{seq}", EPATTERN, "character 2", "第 2 个字符"),
    ("too long", "A" * 300 + "{seq}", EPATTERN, "256", "256"),
    ("invalid UTF-8 pattern", "A\udcc3-{seq}", EINVALID, "UTF-8", "UTF-8"),
]

FIELD_ERRORS = [
    ("missing field", "sales", {"type": "XSC"}, "'dept' is missing", "缺少字段“dept”"),
    ("unknown field", "sales", {"type": "XSC", "dept": "SD", "region": "N"}, "'region'", "“region”"),
    ("empty value", "sales", {"type": "XSC", "dept": ""}, "'dept' is empty", "为空"),
    ("control character", "sales", {"type": "XSC", "dept": "S\x01"}, "control character", "控制字符"),
    ("C1 control character", "sales", {"type": "XSC", "dept": "S\x85"}, "control character", "控制字符"),
    ("invalid UTF-8 bytes", "sales", {"type": "XSC", "dept": b"S\xe9\x94"}, "'dept' is not valid UTF-8", "UTF-8"),
    ("lone surrogate", "sales", {"type": "XSC", "dept": "S\udcff"}, "'dept' is not valid UTF-8", "UTF-8"),
    ("separator in value", "sales", {"type": "XSC", "dept": "S-D"}, "contains '-'", "分隔符“-”"),
    ("value too long", "sales", {"type": "XSC", "dept": "D" * 129}, "longer than 128", "128"),
    ("lower case with check", "checked", {"type": "xsc"}, "has 'x'", "A-Z"),
    ("non-ASCII with check", "checked", {"type": "销售"}, "has '销'", "“销”"),
]


@pytest.fixture
def table_db(tmp_path):
    path = str(tmp_path / "errors.db")
    handle = pactum.open(path, durability="normal")
    handle.define_numbering("sales", "{type}-{year}-{dept}-{seq:3}")
    handle.define_numbering("checked", "{type}-{seq:4}{check}")
    handle.issue_number("sales", D, type="XSC", dept="SD")
    handle.issue_number("checked", D, type="XSC")
    yield handle, path
    handle.close()


@pytest.mark.parametrize("name,pattern,code,en,zh", COMPILE_ERRORS, ids=[c[0] for c in COMPILE_ERRORS])
def test_compile_errors(table_db, name, pattern, code, en, zh):
    db, path = table_db
    before = dump(path)
    for lang, text in (("en", en), ("zh-CN", zh)):
        db.lang = lang
        for rule in ("sales", "new_rule"):
            with pytest.raises(pactum.ValidationError) as info:
                db.define_numbering(rule, pattern)
            assert info.value.code == code, name
            assert text in str(info.value), (name, str(info.value))
    with pytest.raises(pactum.ValidationError) as info:
        pactum.check_numbering_pattern(pattern)
    assert info.value.code == code and en in str(info.value)
    assert dump(path) == before
    db.lang = "en"
    assert db.issue_number("sales", D, type="XSC", dept="SD") == "XSC-2024-SD-002"


@pytest.mark.parametrize("name,rule,fields,en,zh", FIELD_ERRORS, ids=[c[0] for c in FIELD_ERRORS])
def test_field_errors(table_db, name, rule, fields, en, zh):
    db, path = table_db
    before = dump(path)
    for lang, text in (("en", en), ("zh-CN", zh)):
        db.lang = lang
        for call in (
            lambda: db.issue_number(rule, D, owner="owner-1", **fields),
            lambda: db.preview_number(rule, D, **fields),
        ):
            with pytest.raises(pactum.ValidationError) as info:
                call()
            assert info.value.code == EINVALID, name
            assert text in str(info.value), (name, str(info.value))
        with db.transaction():
            with pytest.raises(pactum.ValidationError):
                db.issue_number(rule, D, **fields)
    assert dump(path) == before
    db.lang = "en"
    assert db.issue_number("sales", D, type="XSC", dept="SD") == "XSC-2024-SD-002"


def test_directory_fields_come_from_the_employee(db):
    db.add_department("SD", "销售部")
    db.add_employee("E9", "张三", "SD", "sales", hired=datetime.date(2020, 1, 1))
    db.define_numbering("ht", "HT-{year}-{dept_name}-{employee_name}-{seq:3}")
    on = datetime.date(2024, 3, 1)
    assert db.preview_number("ht", on=on, employee="E9") == "HT-2024-销售部-张三-001"
    assert db.issue_number("ht", on=on, owner="E9") == "HT-2024-销售部-张三-001"
    assert db.issue_number("ht", on=on, employee="E9", dept_name="市场部") == "HT-2024-市场部-张三-001"
