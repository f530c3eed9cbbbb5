"""Builds the compiled module pactum._core with CMake for pip; the metadata
and the pure-Python package are declared in pyproject.toml.

Only the target `_core` is built (with the library it links), in a CMake
build tree that is kept between builds: `build/pip/` in the source tree, or
$PACTUM_PIP_BUILD_DIR. Compiled objects are reused through ccache when the
project's other build trees compiled the same sources (docs/packaging.md).
Environment: PACTUM_JOBS (parallel jobs, default 2), PACTUM_CMAKE_ARGS
(extra configure arguments, split on spaces).
"""

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent


def pactum_version():
    text = (ROOT / "include" / "pactum" / "version.hpp").read_text(encoding="utf-8")
    return re.search(r'#define PACTUM_VERSION "([0-9]+\.[0-9]+\.[0-9]+)"', text).group(1)


def build_base():
    """The directory of every file the build writes (made if needed)."""
    path = Path(os.environ.get("PACTUM_PIP_BUILD_DIR") or ROOT / "build" / "pip").resolve()
    path.mkdir(parents=True, exist_ok=True)
    return str(path)


class CMakeExtension(Extension):
    def __init__(self, name):
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    """Configures the project with only the Python module switched on and
    builds the target `_core`, then copies the module into the wheel."""

    def build_extension(self, ext):
        tree = Path(build_base()) / "cmake"
        configure = ["cmake", "-S", str(ROOT), "-B", str(tree),
                     "-DCMAKE_BUILD_TYPE=Release",
                     "-DPACTUM_PYTHON=" + sys.executable,
                     "-DPACTUM_BUILD_PYTHON=ON",
                     "-DPACTUM_BUILD_TESTS=OFF",
                     "-DPACTUM_BUILD_BENCHMARKS=OFF",
                     "-DPACTUM_BUILD_CLI=OFF",
                     "-DPACTUM_BUILD_EXAMPLES=OFF",
                     "-DPACTUM_INSTALL=OFF"]
        if not (tree / "CMakeCache.txt").exists() and shutil.which("ninja"):
            configure += ["-G", "Ninja"]
        configure += shlex.split(os.environ.get("PACTUM_CMAKE_ARGS", ""))
        subprocess.check_call(configure)
        jobs = os.environ.get("PACTUM_JOBS", "2")
        subprocess.check_call(["cmake", "--build", str(tree), "--target", "_core", "-j", jobs])

        suffix = self.get_ext_filename("_core")[len("_core"):]
        built = tree / "python" / "pactum" / ("_core" + suffix)
        if not built.is_file():
            raise RuntimeError("the build did not produce " + str(built))
        target = Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built, target)


setup(
    version=pactum_version(),
    ext_modules=[CMakeExtension("pactum._core")],
    cmdclass={"build_ext": CMakeBuild},
    options={"build": {"build_base": build_base()}, "egg_info": {"egg_base": build_base()}},
    zip_safe=False,
)
