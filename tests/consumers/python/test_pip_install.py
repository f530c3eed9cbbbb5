"""`pip install --no-index --no-build-isolation <source tree>` into a fresh
virtual environment (system site packages allowed, as Debian's pybind11 and
setuptools live there) gives an importable `pactum` with its stubs, from
outside the source tree, which pip can uninstall again.

Run by ctest (tests/consumers/CMakeLists.txt) with PACTUM_SOURCE_DIR and
PACTUM_PIP_BUILD_DIR (the CMake tree setup.py keeps between runs) set.
"""

import json
import os
import re
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

SOURCE = Path(os.environ.get("PACTUM_SOURCE_DIR", Path(__file__).resolve().parents[3]))

# Runs in the virtual environment, from a directory outside the source tree.
PROBE = r'''
import json, sys
from datetime import date
from decimal import Decimal
import pactum
from pactum import _core

a, b = pactum.Money("0.10", "CNY"), pactum.Money("0.20", "CNY")
db = pactum.open(sys.argv[1], currency="CNY")
db.add_department("SD", "销售部")
db.add_employee("E001", "王芳", "SD", "sales", hired=date(2023, 3, 1))
contract = db.create_contract(
    type="sales", owner="E001", amount=Decimal("1000000.00"), currency="CNY", counterparty="华东机械有限公司",
    signed=date(2024, 1, 10), end=date(2024, 12, 31), delivery_due=date(2024, 3, 1),
    installments=[(date(2024, 2, 1), Decimal("300000.00")), (date(2024, 6, 30), Decimal("700000.00"))])
db.activate(contract, on=date(2024, 1, 10))
db.record_payment(contract, Decimal("300000.00"), date(2024, 2, 1), ref="BANK-0001")
try:
    db.record_payment(contract, Decimal("-1.00"), date(2024, 2, 2), ref="BANK-0002")
    refused = None
except pactum.ValidationError as error:
    refused = error.code
try:
    pactum.Money(1.5, "CNY")
    float_refused = False
except TypeError:
    float_refused = True
collection = db.scorecard("E001", "2024-Q1", as_of=date(2024, 3, 31)).indicator("collection_rate")
print(json.dumps({
    "package": pactum.__file__,
    "core": _core.__file__,
    "version": pactum.__version__,
    "sum": str(a + b),
    "sum_equal": a + b == pactum.Money("0.30", "CNY"),
    "allocate": [str(m) for m in pactum.Money("100.00", "CNY").allocate([1, 1, 1])],
    "float_refused": float_refused,
    "number": contract.number,
    "collection": [collection["value_exact"], str(collection["points"])],
    "refused": refused,
    "collected": str(db.execution(contract, as_of=date(2024, 3, 31))["collected"]),
}))
'''


def clean_env():
    """The caller's environment without anything that would find a `pactum`
    other than the installed one."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")}
    env["PYTHONNOUSERSITE"] = "1"
    return env


def run(args, cwd, env=None, timeout=1500):
    return subprocess.run(args, cwd=cwd, env=env or clean_env(), capture_output=True, text=True,
                          timeout=timeout, check=False)


def source_version():
    text = (SOURCE / "include" / "pactum" / "version.hpp").read_text(encoding="utf-8")
    return re.search(r'#define PACTUM_VERSION "([^"]+)"', text).group(1)


def strays():
    """Files a build could leave in the source tree."""
    return sorted(str(p) for p in [*SOURCE.glob("*.egg-info"), *SOURCE.glob("bindings/python/*.egg-info"),
                                   *SOURCE.glob("bindings/python/pactum/_core*.so"), SOURCE / "dist"]
                  if p.exists())


@pytest.fixture(scope="module")
def venv(tmp_path_factory):
    """A fresh virtual environment with the source tree pip-installed."""
    root = tmp_path_factory.mktemp("pip")
    env_dir = root / "venv"
    before = strays()
    created = run([sys.executable, "-m", "venv", "--system-site-packages", str(env_dir)], cwd=root)
    assert created.returncode == 0, created.stderr
    python = env_dir / "bin" / "python"
    env = clean_env()
    env.setdefault("PACTUM_PIP_BUILD_DIR", str(root / "build"))
    start = time.monotonic()
    installed = run([str(python), "-m", "pip", "install", "--no-index", "--no-build-isolation",
                     "--disable-pip-version-check", str(SOURCE)], cwd=root, env=env)
    seconds = time.monotonic() - start
    assert installed.returncode == 0, installed.stdout + installed.stderr
    print(f"pip install took {seconds:.1f} s", file=sys.stderr)
    site = run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=root)
    assert site.returncode == 0, site.stderr
    return {"root": root, "python": python, "site": Path(site.stdout.strip()), "before": before,
            "pip": installed.stdout}


def test_pip_installs_the_package_with_its_stubs(venv):
    package = venv["site"] / "pactum"
    for name in ("__init__.py", "_core.pyi", "py.typed", "kpi.py", "reports.py", "trend.py"):
        assert (package / name).is_file(), name
    assert len(list(package.glob("_core.*.so"))) == 1
    # The stubs are the source tree's, unchanged.
    assert (package / "_core.pyi").read_bytes() == (SOURCE / "bindings/python/pactum/_core.pyi").read_bytes()
    assert (package / "py.typed").read_bytes() == (SOURCE / "bindings/python/pactum/py.typed").read_bytes()
    metadata = (venv["site"] / f"pactum-{source_version()}.dist-info" / "METADATA").read_text(encoding="utf-8")
    assert re.search(r"^Name: pactum$", metadata, re.M)
    assert re.search(rf"^Version: {re.escape(source_version())}$", metadata, re.M)


def test_import_works_outside_the_source_tree(venv):
    elsewhere = venv["root"] / "elsewhere"
    elsewhere.mkdir()
    result = run([str(venv["python"]), "-c", PROBE, str(elsewhere / "company.db")], cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout)
    for key in ("package", "core"):
        path = Path(facts[key]).resolve()
        assert path.is_relative_to(venv["site"].resolve()), facts[key]
        assert not path.is_relative_to(SOURCE.resolve()), facts[key]
    assert facts["version"] == source_version()
    assert facts["sum"] == "0.30 CNY" and facts["sum_equal"]
    assert facts["allocate"] == ["33.34 CNY", "33.33 CNY", "33.33 CNY"]
    assert facts["float_refused"]
    assert facts["number"] == "HT-2024-SD-0001"
    assert facts["collection"] == ["3/10", "9.00"]
    assert facts["refused"] == -1
    assert Decimal(facts["collected"]) == Decimal("300000.00")


def test_the_source_tree_gets_no_build_files(venv):
    assert strays() == venv["before"]


def test_pip_uninstalls_it(venv):
    removed = run([str(venv["python"]), "-m", "pip", "uninstall", "-y", "--disable-pip-version-check", "pactum"],
                  cwd=venv["root"])
    assert removed.returncode == 0, removed.stderr
    assert not (venv["site"] / "pactum").exists()
    result = run([str(venv["python"]), "-c", "import pactum"], cwd=venv["root"])
    assert result.returncode != 0 and "ModuleNotFoundError" in result.stderr
