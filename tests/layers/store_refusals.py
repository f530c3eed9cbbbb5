#!/usr/bin/python3
"""Domain refusals raised in src/store (DESIGN.md: "the store never decides").

Lists every raise(Errc::...) under src/store whose category is a domain one
(anything but storage, corrupt, schema_too_new, outcome_unknown, cancelled
and internal), leaving out the store.* messages (the handle's own rules:
transactions, threads, the file and its open options), and compares the
count per file with the baseline beside this script: a file that gains a
domain refusal fails the test. The rules are
moving out of the store; when a file's count falls, lower its line in the
baseline (the test says so) until the baseline is empty.

Usage: store_refusals.py [--list] [--write-baseline]
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
BASELINE = pathlib.Path(__file__).with_name("store_refusals_baseline.txt")
STORAGE = {"storage", "corrupt", "schema_too_new", "outcome_unknown", "cancelled", "internal"}
# The handle's own contract (transactions, threads, the file and its open
# options): refusals of the storage layer whatever their category.
STORE_KEYS = ("store.",)
RAISE = re.compile(r"raise\(\s*Errc::([a-z_]+)\s*,\s*\"([^\"]+)\"")


def sites():
    out = {}
    for path in sorted((ROOT / "src" / "store").glob("*.[ch]pp")):
        text = path.read_text(encoding="utf-8")
        for m in RAISE.finditer(text):
            if m.group(1) in STORAGE or m.group(2).startswith(STORE_KEYS):
                continue
            line = text.count("\n", 0, m.start()) + 1
            out.setdefault(path.name, []).append((line, m.group(1), m.group(2)))
    return out


def read_baseline():
    counts = {}
    if BASELINE.exists():
        for raw in BASELINE.read_text(encoding="utf-8").splitlines():
            raw = raw.split("#", 1)[0].strip()
            if raw:
                name, count = raw.split()
                counts[name] = int(count)
    return counts


def main(argv):
    found = sites()
    if "--write-baseline" in argv:
        lines = ["# Domain refusals still raised in src/store, per file (tests/layers/store_refusals.py).",
                 "# Lower a count when a rule moves to its domain folder; never raise one."]
        lines += [f"{name} {len(found[name])}" for name in sorted(found)]
        BASELINE.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return 0
    if "--list" in argv:
        for name in sorted(found):
            for line, category, key in found[name]:
                print(f"src/store/{name}:{line}: {category} {key}")
    baseline = read_baseline()
    failed = False
    for name in sorted(set(found) | set(baseline)):
        have, allowed = len(found.get(name, [])), baseline.get(name, 0)
        if have > allowed:
            failed = True
            print(f"src/store/{name}: {have} domain refusals, the baseline allows {allowed}: "
                  "a domain rule belongs in its domain folder, the store raises only storage errors")
            for line, category, key in found.get(name, []):
                print(f"  src/store/{name}:{line}: {category} {key}")
        elif have < allowed:
            print(f"src/store/{name}: {have} domain refusals, fewer than the baseline's {allowed}: lower it")
    total = sum(len(v) for v in found.values())
    print(f"{total} domain refusals remain in src/store")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
