"""`pactum route check` and `pactum route default` (exit statuses of docs/cli.md)."""

import json
import subprocess

ARTICLE = {
    "id": "article",
    "version": 1,
    "inputs": [{"name": "type", "type": "text"}, {"name": "amount", "type": "money"}],
    "rules": [
        {"id": "over-100000", "when": {"amount": "> 100000"}, "route": [{"role": "general_manager"}]},
        {"id": "under-50000", "when": {"amount": "< 50000"}, "route": [{"role": "dept_manager"}]},
    ],
}


def run(cli, *args):
    return subprocess.run([cli, *args], capture_output=True, text=True, encoding="utf-8")


def write(tmp_path, name, document):
    path = tmp_path / name
    path.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    return str(path)


def test_findings_of_error_severity_exit_3(pactum_cli, tmp_path):
    table = write(tmp_path, "article.json", ARTICLE)
    done = run(pactum_cli, "route", "check", table)
    assert done.returncode == 3
    assert "gap: no rule of table 'article' matches when amount ∈ [50000, 100000]" in done.stdout
    assert "1 error(s), 0 warning(s)" in done.stdout
    done = run(pactum_cli, "--lang", "zh-CN", "route", "check", table, "--format", "json")
    assert done.returncode == 3
    report = json.loads(done.stdout)
    assert report["errors"] == 1
    assert report["findings"][0]["region"] == {"amount": "[50000, 100000]"}
    assert "缺口" in report["findings"][0]["message"]


def test_a_clean_table_exits_0_and_warnings_alone_do_not_fail(pactum_cli, tmp_path):
    default = run(pactum_cli, "route", "default")
    assert default.returncode == 0
    assert json.loads(default.stdout)["id"] == "default"
    table = write(tmp_path, "default.json", default.stdout)
    done = run(pactum_cli, "route", "check", table)
    assert done.returncode == 0
    assert "no findings" in done.stdout
    shadowed = dict(ARTICLE, hit_policy="FIRST", rules=[
        {"id": "all", "route": [{"role": "dept_manager"}]},
        {"id": "never", "when": {"amount": "> 5"}, "route": [{"role": "finance"}]},
    ])
    done = run(pactum_cli, "route", "check", write(tmp_path, "first.json", shadowed), "--format=json")
    assert done.returncode == 0
    report = json.loads(done.stdout)
    assert report["warnings"] == 1
    assert report["findings"][0]["kind"] == "unreachable"
    assert report["findings"][0]["rules"] == ["never", "all"]


def test_a_malformed_table_exits_1_with_the_code_and_the_position(pactum_cli, tmp_path):
    bad = dict(ARTICLE, rules=[{"id": "r1", "when": {"amount": "< 5x"}, "route": [{"role": "a"}]}])
    done = run(pactum_cli, "route", "check", write(tmp_path, "bad.json", bad))
    assert done.returncode == 1
    assert "PACTUM_EINVALID (-1)" in done.stderr
    assert "rule 'r1' (number 1), input 'amount', position 4" in done.stderr
    done = run(pactum_cli, "route", "check", write(tmp_path, "broken.json", '{"id":\n'))
    assert done.returncode == 1
    assert "line 2" in done.stderr
    done = run(pactum_cli, "route", "check", str(tmp_path / "missing.json"))
    assert done.returncode == 1
    assert "PACTUM_ENOTFOUND" in done.stderr


def test_usage_errors_exit_2(pactum_cli, tmp_path):
    table = write(tmp_path, "article.json", ARTICLE)
    assert run(pactum_cli, "route").returncode == 2
    assert run(pactum_cli, "route", "check").returncode == 2
    assert run(pactum_cli, "route", "check", table, table).returncode == 2
    assert run(pactum_cli, "route", "check", table, "--format", "xml").returncode == 2
    assert run(pactum_cli, "route", "check", table, "--verbose").returncode == 2
    assert run(pactum_cli, "route", "frobnicate").returncode == 2
    assert run(pactum_cli, "route", "default", "extra").returncode == 2
    assert "route" in run(pactum_cli, "--help").stdout


def test_load_show_and_list_with_a_database(pactum_cli, tmp_path):
    db = str(tmp_path / "company.db")
    table = write(tmp_path, "article.json", ARTICLE)
    # Refused: a gap. No database file is created for a refused table.
    done = run(pactum_cli, "--db", db, "route", "load", table)
    assert done.returncode == 1
    assert "1 gap(s)" in done.stderr
    assert not (tmp_path / "company.db").exists()
    done = run(pactum_cli, "--db", db, "route", "load", table, "--allow-gaps")
    assert done.returncode == 0
    assert "routing table 'article' version 1 is now current" in done.stdout
    assert "[50000, 100000]" in done.stdout
    listing = run(pactum_cli, "--db", db, "route", "list")
    assert listing.returncode == 0
    assert listing.stdout.splitlines() == ["article\t1\tcurrent", "default\t1"]
    assert json.loads(run(pactum_cli, "--db", db, "route", "list", "--format", "json").stdout)["tables"][0] == {
        "id": "article", "version": 1, "current": True}
    shown = run(pactum_cli, "--db", db, "route", "show")
    assert shown.returncode == 0
    assert json.loads(shown.stdout)["id"] == "article"
    assert json.loads(run(pactum_cli, "--db", db, "route", "show", "default", "1").stdout)["id"] == "default"
    assert run(pactum_cli, "--db", db, "route", "show", "nobody").returncode == 1
    assert run(pactum_cli, "--db", db, "route", "show", "default", "one").returncode == 2
    # Versions are immutable.
    changed = dict(ARTICLE, rules=ARTICLE["rules"] + [{"id": "middle", "when": {"amount": "[50000..100000]"},
                                                        "route": [{"role": "finance"}]}])
    done = run(pactum_cli, "--db", db, "route", "load", write(tmp_path, "v1.json", changed))
    assert done.returncode == 1
    assert "PACTUM_ECONFLICT" in done.stderr
    done = run(pactum_cli, "--db", db, "route", "load", write(tmp_path, "v2.json", dict(changed, version=2)),
               "--format", "json")
    assert done.returncode == 0
    assert json.loads(done.stdout)["findings"] == []
    assert run(pactum_cli, "--db", str(tmp_path / "none.db"), "route", "list").returncode == 1
    assert run(pactum_cli, "route", "show").returncode == 2  # needs --db
