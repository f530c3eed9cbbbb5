#!/usr/bin/python3
"""Where SQL lives in src/store (docs/storage.md, "The storage interface").

The domains' storage code (contracts.cpp, approval.cpp, kpi.cpp, ...) reaches
the database only through the storage interface (backend*.hpp); SQL and the
SQLite API belong to the SQLite implementation: its sqlite_*.cpp files, the
connection and its transactions (database.cpp, database_impl.hpp), the
schema (schema.cpp) and the table-by-table export and restore
(export*.cpp). The script lists every other file of src/store that holds an
SQL statement in a string literal or uses the SQLite API, and fails if there
is one.

Usage: store_sql.py [--list]
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
ENGINE = re.compile(r"^(sqlite_.*\.[ch]pp|database\.cpp|database_impl\.hpp|schema\.cpp|export.*\.[ch]pp)$")
# A string literal that starts an SQL statement, or the SQLite API.
SQL = re.compile(r'"\s*(SELECT|INSERT|UPDATE|DELETE|WITH|BEGIN|COMMIT|ROLLBACK|PRAGMA|SAVEPOINT|RELEASE|CREATE|DROP)\b'
                 r'|\bSQLite::|\bsqlite3_|<sqlite3\.h>|<SQLiteCpp/|\bstatement\(|\bimpl_?(?:->|\.)db\b')


def sites():
    out = []
    for path in sorted((ROOT / "src" / "store").glob("*.[ch]pp")):
        if not ENGINE.match(path.name):
            text = path.read_text(encoding="utf-8")
            out += [f"src/store/{path.name}:{text.count(chr(10), 0, m.start()) + 1}: {m.group(0).strip()}"
                    for m in SQL.finditer(text)]
    return out


def main(argv):
    found = sites()
    print("\n".join(found) if found else "no SQL outside the SQLite implementation in src/store")
    if found and "--list" not in argv:
        print(f"{len(found)} place(s) outside the SQLite implementation speak SQL: "
              "reach the database through the storage interface (src/store/backend.hpp)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
