"""Shared fixtures of the Python tests (run with /usr/bin/python3 by ctest)."""

import os
import sqlite3
import subprocess
import sys

import pytest


@pytest.fixture(scope="session")
def pactum_cli():
    """Path of the built `pactum` executable."""
    path = os.environ.get("PACTUM_CLI")
    if not path:
        pytest.skip("PACTUM_CLI not set (run through ctest)")
    return path


def run_cli(cli, *args, timeout=120):
    """Runs the `pactum` executable; returns the CompletedProcess (text)."""
    return subprocess.run([cli, *args], capture_output=True, text=True, timeout=timeout)


def dump_database(path):
    """A logical dump of a SQLite file: every table's rows, sorted, by table
    name (equal dumps: the database did not change)."""
    con = sqlite3.connect(path)
    try:
        out = []
        for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
            out.append((name, sorted(repr(r) for r in con.execute(f'SELECT * FROM "{name}"'))))
        return out
    finally:
        con.close()


_DEMO_TIMINGS = []


@pytest.fixture(scope="session")
def demo_run(pactum_cli, tmp_path_factory):
    """One `pactum demo` (default seed) shared by the tests: its database,
    HTML report, stdout and stderr. Its printed timings are shown in the
    test log's summary."""
    where = tmp_path_factory.mktemp("demo")
    db, html = str(where / "demo.db"), str(where / "demo.html")
    r = run_cli(pactum_cli, "--db", db, "demo", "--html", html)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    if "== Timings ==" in lines:
        _DEMO_TIMINGS.extend(line.strip() for line in lines[lines.index("== Timings ==") + 1:] if line.strip())
    return {"db": db, "html": html, "stdout": r.stdout, "stderr": r.stderr}


def pytest_terminal_summary(terminalreporter):
    if _DEMO_TIMINGS:
        terminalreporter.write_sep("-", "pactum demo timings")
        for line in _DEMO_TIMINGS:
            terminalreporter.write_line(line)


def pytest_report_header(config):
    import pactum

    return f"pactum {pactum.__version__} from {os.path.dirname(pactum.__file__)} on {sys.executable}"
