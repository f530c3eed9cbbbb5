"""Money, rates and scores are exact: no `float` or `double` in library code.

Comments and string literals (raw strings included) may name the types; code
may not.
"""

import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
folders = ["include", "src", "capi", "bindings/python/src", "cli"]
token = re.compile(r"\b(float|double|long\s+double)\b")
literal = re.compile(
    r'R"(?P<delim>[^(\s]*)\((?:.|\n)*?\)(?P=delim)"'  # raw string
    r'|"(?:\\.|[^"\\\n])*"'  # string
    r"|'(?:\\.|[^'\\\n])*'"  # character
    r"|//[^\n]*"  # line comment
    r"|/\*(?:.|\n)*?\*/"  # block comment
)

bad = []
count = 0
for folder in folders:
    for path in sorted((root / folder).rglob("*")):
        if path.suffix not in {".h", ".hpp", ".cpp", ".c", ".inc"}:
            continue
        count += 1
        code = literal.sub(lambda m: "\n" * m.group(0).count("\n"), path.read_text(encoding="utf-8"))
        for number, line in enumerate(code.splitlines(), 1):
            if token.search(line):
                bad.append(f"{path.relative_to(root)}:{number}: {line.strip()}")

if bad:
    print("binary floating point in library code:\n" + "\n".join(bad))
    sys.exit(1)
print(f"no float/double in {count} library source files")
