"""Shared fixtures of the Python tests (run with /usr/bin/python3 by ctest)."""

import os
import sys

import pytest


@pytest.fixture(scope="session")
def pactum_cli():
    """Path of the built `pactum` executable."""
    path = os.environ.get("PACTUM_CLI")
    if not path:
        pytest.skip("PACTUM_CLI not set (run through ctest)")
    return path


def pytest_report_header(config):
    import pactum

    return f"pactum {pactum.__version__} from {os.path.dirname(pactum.__file__)} on {sys.executable}"
