#!/usr/bin/python3
"""Domain refusals raised in src/store (DESIGN.md: "the store never decides").

Lists every raise(...) under src/store and fails on any whose category is a
domain one: anything but storage, corrupt, schema_too_new, outcome_unknown,
cancelled and internal. Two kinds of site pass whatever their category:
the store.* messages (the handle's own rules: transactions, threads, the
file and its open options) and raises that only pass on an error already
decided elsewhere (`raise(e.code(), ...)` re-throwing a caught Error's code).
A raise whose category or key the script cannot read is reported too: the
rule it hides belongs in its domain folder (tests/domain_rules, src/<domain>).

Usage: store_refusals.py [--list]
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
STORAGE = {"storage", "corrupt", "schema_too_new", "outcome_unknown", "cancelled", "internal"}
STORE_KEYS = ("store.",)
# raise(CODE, KEY, ...): CODE and KEY as written.
RAISE = re.compile(r"\braise\(\s*([^,()]+(?:\([^()]*\))?)\s*,\s*([^,)]+)")
ERRC = re.compile(r"Errc::([a-z_]+)$")
LITERAL = re.compile(r'^"([^"]+)"$')


def classify(code, key):
    """None when the site is a storage one, else the reason it is a domain one."""
    m = LITERAL.match(key)
    if m and m.group(1).startswith(STORE_KEYS):
        return None
    e = ERRC.match(code)
    if e is None:
        # A caught error's code passed on (e.code()) is no new decision;
        # any other computed category is.
        return None if code.endswith(".code()") else f"computed category {code}"
    if e.group(1) in STORAGE:
        return None
    if m is None:
        return f"{e.group(1)} with a computed key {key}"
    return f"{e.group(1)} {m.group(1)}"


def sites():
    out = []
    for path in sorted((ROOT / "src" / "store").glob("*.[ch]pp")):
        text = path.read_text(encoding="utf-8")
        for m in RAISE.finditer(text):
            reason = classify(m.group(1).strip(), m.group(2).strip())
            if reason is not None:
                line = text.count("\n", 0, m.start()) + 1
                out.append(f"src/store/{path.name}:{line}: {reason}")
    return out


def main(argv):
    found = sites()
    for site in found:
        print(site)
    if found:
        print(f"{len(found)} domain refusals in src/store: a domain rule belongs in its domain folder, "
              "the store raises only storage errors")
        return 1
    print("no domain refusal in src/store")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
