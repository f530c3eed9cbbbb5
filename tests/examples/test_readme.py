"""The README's five-minute tour does what it says: the C and C++ snippets
(compiled into main() by examples/CMakeLists.txt) print the scorecard and the
refusal, the Python snippet's commented results are its results, the command
lines exit as shown, and every document in docs/ is linked."""

import ast
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

CJK = re.compile("[\u4e00-\u9fff]")


def readme():
    path = os.environ.get("PACTUM_README")
    if not path:
        pytest.skip("PACTUM_README not set (run through ctest)")
    return Path(path)


def snippet(heading, fence):
    text = readme().read_text(encoding="utf-8")
    start = text.index(heading)
    body = text.index("```" + fence + "\n", start) + len(fence) + 4
    return text[body:text.index("```", body)]


def program(name):
    exe = os.environ.get(name)
    if not exe:
        pytest.skip(name + " not set (run through ctest)")
    return exe


def run(args, cwd, **kwargs):
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300, check=False, **kwargs)


def test_c_tour_prints_the_scorecard(tmp_path):
    result = run([program("PACTUM_README_C")], tmp_path)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    card = json.loads(result.stdout)
    collection = next(i for i in card["indicators"] if i["name"] == "collection_rate")
    assert (card["employee"], collection["value_exact"], collection["points"]) == ("E001", "3/10", "9.00")
    assert (tmp_path / "company.db").is_file()


def test_cpp_tour_prints_the_points_and_the_refusal_in_chinese(tmp_path):
    result = run([program("PACTUM_README_CPP")], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "9.00\n"
    assert result.stderr.startswith("PACTUM_EINVALID: ") and CJK.search(result.stderr)
    assert "700000.00" in result.stderr and result.stderr.count("\n") == 1


def test_python_tour_results_are_the_commented_ones(tmp_path):
    """Runs the snippet statement by statement; a statement commented with a
    value (`# Decimal(...)`, `# [Money(...)...]`) must evaluate to exactly
    that, one commented with an exception must raise it."""
    source = snippet("### Python (", "python")
    lines = source.splitlines()
    namespace = {"__name__": "__tour__"}
    checked = 0
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        for statement in ast.parse(source).body:
            comment = lines[statement.end_lineno - 1].partition("  # ")[2].strip()
            code = ast.get_source_segment(source, statement)
            exception = re.match(r"(\w+Error): (.*)$", comment)
            if exception:
                with pytest.raises(getattr(__builtins__, exception.group(1), None) or Exception) as raised:
                    exec(compile(code, "README.md", "exec"), namespace)
                assert type(raised.value).__name__ == exception.group(1)
                assert exception.group(2) in str(raised.value)
                checked += 1
            elif isinstance(statement, ast.Expr) and re.match(r"(Decimal|\[?Money)\(", comment):
                value = eval(compile(ast.Expression(statement.value), "README.md", "eval"), namespace)
                assert repr(value) == comment
                checked += 1
            else:
                exec(compile(ast.Module([statement], []), "README.md", "exec"), namespace)
    finally:
        os.chdir(cwd)
    assert checked == 3
    frame = namespace["db"].scorecards("2024-Q1").to_pandas()
    assert list(frame["employee"]) == ["E001"]


def test_command_line_tour_exits_as_shown(tmp_path):
    cli = program("PACTUM_CLI")
    lines = snippet("### Command line (", "sh").splitlines()
    ran = 0
    for number, line in enumerate(lines):
        if not line.startswith("pactum "):
            continue
        words = shlex.split(line, comments=True)
        output = None
        if ">" in words:
            output = tmp_path / words[words.index(">") + 1]
            words = words[:words.index(">")]
        result = run([cli, *words[1:]], tmp_path)
        following = lines[number + 1] if number + 1 < len(lines) else ""
        if following.startswith("# pactum: "):
            assert result.returncode == 1, line
            assert result.stderr.strip() == following[2:].split("   ")[0].strip(), line
        else:
            assert result.returncode == 0, line + "\n" + result.stderr
        if output is not None:
            output.write_text(result.stdout, encoding="utf-8")
            assert result.stdout.startswith("<!DOCTYPE html>"), line
        ran += 1
    assert ran == 7
    assert (tmp_path / "company.html").is_file()  # the demo's report, as the comment says


def test_every_document_is_linked_and_every_link_exists():
    path = readme()
    text = path.read_text(encoding="utf-8")
    root = path.parent
    for document in sorted((root / "docs").glob("*.md")):
        assert f"(docs/{document.name})" in text, document.name
    for target in re.findall(r"\]\(((?:docs|examples)/[^)#]+)\)", text):
        assert (root / target).exists(), target
