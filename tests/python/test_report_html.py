"""The HTML report, the monthly collection trend and labels from Python."""

import datetime
import sqlite3
import subprocess
from decimal import Decimal
from fractions import Fraction
from html.parser import HTMLParser

import pytest

import pactum

D = datetime.date


def dump(path):
    con = sqlite3.connect(path)
    out = []
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
        out.append((name, sorted(repr(r) for r in con.execute(f'SELECT * FROM "{name}"'))))
    con.close()
    return out


class Page(HTMLParser):
    """Collects the elements of a page: tags with their attributes, and the
    text of every <title> inside an <svg>."""

    def __init__(self):
        super().__init__()
        self.tags = []
        self.svg_titles = []
        self._in_svg = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "svg":
            self._in_svg += 1
        if tag == "title" and self._in_svg:
            self._in_title = True
            self.svg_titles.append("")

    def handle_endtag(self, tag):
        if tag == "svg":
            self._in_svg -= 1
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.svg_titles[-1] += data


def parse(page):
    p = Page()
    p.feed(page)
    p.close()
    return p


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "html.db")
    db = pactum.open(path)
    db.add_department("SD", "销售部")
    db.add_department("MK", "市场部")
    db.add_employee("E1", "张三", "SD", "sales", hired=D(2020, 1, 1))
    db.add_employee("E2", "李四", "MK", "sales", hired=D(2020, 1, 1))
    a = db.create_contract(type="sales", owner="E1", amount=Decimal("1000.00"), signed=D(2024, 1, 5),
                           end=D(2024, 12, 31), delivery_due=D(2024, 2, 20), counterparty="华东机械",
                           installments=[(D(2024, 1, 31), Decimal("300")), (D(2024, 2, 29), Decimal("700"))])
    b = db.create_contract(type="sales", owner="E2", amount=Decimal("2000.00"), signed=D(2024, 1, 8),
                           end=D(2024, 3, 31), delivery_due=D(2024, 2, 10), counterparty="华南贸易",
                           installments=[(D(2024, 1, 31), Decimal("1000")), (D(2024, 2, 29), Decimal("1000"))])
    db.activate(a, on=D(2024, 1, 5))
    db.activate(b, on=D(2024, 1, 8))
    db.record_payment(a, Decimal("300.00"), D(2024, 1, 31), ref="A1")
    db.record_payment(a, Decimal("700.00"), D(2024, 2, 29), ref="A2")
    db.record_payment(b, Decimal("1000.00"), D(2024, 1, 31), ref="B1")
    db.record_payment(b, Decimal("400.00"), D(2024, 2, 15), ref="B2")
    db.reverse_payment("B2", on=D(2024, 2, 20))
    db.record_delivery(a, on=D(2024, 2, 19))
    db.record_delivery(b, on=D(2024, 2, 25))
    db.advance_to(D(2024, 3, 31))
    yield db
    db.close()


def test_collection_trend_per_month(db):
    t = db.collection_trend("2024-Q1", as_of=D(2024, 3, 31))
    assert isinstance(t, pactum.CollectionTrend)
    assert (t.period, t.currency, t.types, t.contracts) == ("2024-Q1", "CNY", [], 2)
    assert [r["month"] for r in t] == ["2024-01", "2024-02", "2024-03"]
    jan, feb, mar = t
    assert (jan["due"], jan["collected"]) == (Decimal("1300.00"), Decimal("1300.00"))
    # February: 700 paid, 400 paid and reversed.
    assert (feb["due"], feb["collected"]) == (Decimal("1700.00"), Decimal("700.00"))
    assert feb["collection_ratio"] == Fraction(2000, 3000)
    assert feb["collection_rate"] == Decimal("0.666667")
    assert (mar["due"], mar["collected"], mar["collected_to_date"]) == (Decimal("0.00"), Decimal("0.00"), Decimal("2000.00"))
    assert t.month("2024-02")["to"] == D(2024, 2, 29)
    assert "collected to date" in t.to_text()
    assert t.to_csv().splitlines()[0] == "month,from,to,due_amount,collected,due_to_date,collected_to_date,collection_rate"
    # Only the types asked for; as of an earlier date, fewer months.
    assert db.collection_trend("2024-Q1", as_of=D(2024, 3, 31), types=["project"]).contracts == 0
    assert len(db.collection_trend("2024-Q1", as_of=D(2024, 2, 10))) == 2
    pandas = pytest.importorskip("pandas")
    frame = t.to_pandas()
    assert isinstance(frame, pandas.DataFrame) and list(frame["month"]) == ["2024-01", "2024-02", "2024-03"]


def test_html_parses_with_three_charts_and_the_ranking(db):
    page = db.report_html("2024-Q1", as_of=D(2024, 3, 31))
    p = parse(page)
    svgs = [attrs for tag, attrs in p.tags if tag == "svg"]
    assert [s["id"] for s in svgs] == ["chart-departments", "chart-scores", "chart-collections", "chart-installments"]
    tables = [attrs.get("class") for tag, attrs in p.tags if tag == "table"]
    assert "ranking" in tables and "departments" in tables and "collections" in tables
    # Nothing is loaded from anywhere.
    for tag, attrs in p.tags:
        assert tag not in ("script", "link", "img", "iframe", "object", "embed")
        for name, value in attrs.items():
            assert name not in ("src", "href"), (tag, name, value)
    assert "url(" not in page and "http" not in page
    # Each department is a point at its exact figures.
    report = db.report_departments("2024-Q1", as_of=D(2024, 3, 31))
    for row in report:
        if row["execution_ratio"] is None:
            continue
        rate = (row["execution_ratio"] * 100).limit_denominator()
        tip = "{}: execution rate {}%, average score {}".format(
            row["name"], (Decimal(rate.numerator) / Decimal(rate.denominator)).quantize(Decimal("0.1")),
            row["average_score"])
        assert tip in p.svg_titles
    # The trend chart has one bar per series and month with money in it.
    assert "2024-02 · collected: 700" in p.svg_titles
    assert "2024-01 · due: 1,300" in p.svg_titles
    # Same data, same bytes; Chinese on request.
    assert db.report_html("2024-Q1", as_of=D(2024, 3, 31)) == page
    db.lang = "zh-CN"
    zh = db.report_html("2024-Q1", as_of=D(2024, 3, 31), sections=["employees"], title="季度 <报告>")
    db.lang = "en"
    assert '<html lang="zh-CN">' in zh and "<title>季度 &lt;报告&gt;</title>" in zh
    assert [a["id"] for t, a in parse(zh).tags if t == "svg"] == ["chart-scores"]


def test_html_refusals_leave_the_database_unchanged(db):
    before = dump(db.path)
    with pytest.raises(pactum.ValidationError, match="unknown report section 'charts'"):
        db.report_html("2024-Q1", sections=["charts"])
    with pytest.raises(pactum.ValidationError, match="given twice"):
        db.report_html("2024-Q1", sections=["forecast", "forecast"])
    with pytest.raises(TypeError):
        db.report_html("2024-Q1", sections="forecast")
    with pytest.raises(pactum.ValidationError, match="1 to 120 months"):
        db.report_html("2024-Q1", months=0)
    with pytest.raises(TypeError):
        db.report_html("2024-Q1", threshold=0.5)
    with pytest.raises(pactum.ValidationError, match="2024-Q5"):
        db.report_html("2024-Q5")
    with pytest.raises(pactum.ValidationError):
        db.collection_trend("2024-Q1", types=["Not A Type"])
    db.lang = "zh-CN"
    with pytest.raises(pactum.ValidationError, match="未知的报告部分"):
        db.report_html("2024-Q1", sections=["charts"])
    db.lang = "en"
    assert dump(db.path) == before


def test_labels(db):
    assert db.label("origin") is None
    db.set_label("origin", "ERP 导入")
    db.set_label("app.name", "payroll")
    db.set_label("origin", "ERP 迁移")
    assert db.labels() == {"app.name": "payroll", "origin": "ERP 迁移"}
    before = dump(db.path)
    with pytest.raises(pactum.ValidationError, match="label name 'bad name'"):
        db.set_label("bad name", "x")
    with pytest.raises(pactum.ValidationError, match="4096"):
        db.set_label("origin", "x" * 4097)
    with pytest.raises(TypeError):
        db.set_label("origin", 5)
    assert dump(db.path) == before
    assert db.label("origin") == "ERP 迁移"


class Cells(HTMLParser):
    """The rows of one table (by class) as lists of cell texts."""

    def __init__(self, table_class):
        super().__init__()
        self.table_class = table_class
        self.rows = []
        self._in_table = False
        self._cell = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._in_table = dict(attrs).get("class") == self.table_class
        elif self._in_table and tag == "tr":
            self.rows.append([])
        elif self._in_table and tag in ("td", "th"):
            self._cell = ""

    def handle_endtag(self, tag):
        if tag == "table":
            self._in_table = False
        elif self._in_table and tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(self._cell)
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def loads_nothing(page, p):
    """Asserts the page loads no resource from anywhere."""
    for tag, attrs in p.tags:
        assert tag not in ("script", "link", "img", "iframe", "object", "embed", "audio", "video", "source"), tag
        for name, value in attrs.items():
            assert name not in ("src", "href", "srcset", "action", "data", "xlink:href"), (tag, name, value)
    for needle in ("http:", "https:", "url(", "@import", "//"):
        assert needle not in page, needle


def test_the_demo_report_is_one_self_contained_page(demo_run):
    with open(demo_run["html"], "rb") as f:
        raw = f.read()
    page = raw.decode("utf-8")
    p = parse(page)
    assert p.tags[0] == ("html", {"lang": "en"})
    # The three charts, inline, and the instalment chart of the forecast.
    svgs = [attrs["id"] for tag, attrs in p.tags if tag == "svg"]
    assert svgs == ["chart-departments", "chart-scores", "chart-collections", "chart-installments"]
    assert all(attrs.get("viewbox") for tag, attrs in p.tags if tag == "svg")
    assert page.count("</svg>") == len(svgs)
    loads_nothing(page, p)
    # One scatter point per department with contracts due; the other charts have marks.
    with pactum.open(demo_run["db"]) as db:
        departments = db.report_departments("2024", as_of=D(2024, 12, 31))
        employees = db.report_employees("2024", as_of=D(2024, 12, 31))
    due = [row for row in departments if row["execution_ratio"] is not None]
    assert len(due) >= 4
    assert sum(1 for t in p.svg_titles if ": execution rate " in t and ", average score " in t) == len(due)
    # The ranking table: every employee, best score first, with the score printed exactly.
    cells = Cells("ranking")
    cells.feed(page)
    header, *rows = cells.rows
    assert header[:3] == ["rank", "employee", "name"]
    assert len(rows) == len(employees)
    scored = sorted((r for r in employees if r["score_rank"] is not None), key=lambda r: r["score_rank"])
    assert [row[1] for row in rows[: len(scored)]] == [r["employee"] for r in scored]
    score = header.index("score")
    assert [row[score] for row in rows[: len(scored)]] == [str(r["score"]) for r in scored]


def test_the_demo_report_is_byte_identical_for_the_same_seed(pactum_cli, demo_run, tmp_path):
    with open(demo_run["html"], "rb") as f:
        first = f.read()
    again = tmp_path / "again.html"
    r = subprocess.run([pactum_cli, "--db", str(tmp_path / "again.db"), "demo", "--seed", "2024", "--html", str(again)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert again.read_bytes() == first
    # Another seed is another company, and another page.
    other = tmp_path / "other.html"
    r = subprocess.run([pactum_cli, "--db", str(tmp_path / "other.db"), "--lang", "zh-CN", "demo", "--seed", "7",
                        "--html", str(other)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    zh = other.read_text(encoding="utf-8")
    assert zh != first.decode("utf-8")
    p = parse(zh)
    assert p.tags[0] == ("html", {"lang": "zh-CN"})
    assert [attrs["id"] for tag, attrs in p.tags if tag == "svg"] == [
        "chart-departments", "chart-scores", "chart-collections", "chart-installments"]
    loads_nothing(zh, p)
    # Rebuilding a demo database in place is allowed, and gives the same page.
    r = subprocess.run([pactum_cli, "--db", str(tmp_path / "again.db"), "demo", "--html", str(again)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert again.read_bytes() == first
