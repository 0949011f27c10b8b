#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Compare two audit reports (JSON) of the same evidence: one of a package
made by hand, one of the package `flexaudit pack` made from its folder.

usage: roundtrip.py ORIGINAL.json PACKED.json REWRITTEN...

They must be identical except for what names the package's bytes: the
package's own path and SHA-256 (cover.package), and the SHA-256 of each
table in REWRITTEN, the files pack may rewrite to the canonical dialect
(the demo's README says which files are written in another dialect).
Every other table and every document keeps its hash. Exit 0 if so, else
1 with every difference printed.
"""
import json
import sys


def differences(a, b, path=""):
    if type(a) is not type(b):
        yield path, a, b
    elif isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                yield path + "/" + k, a.get(k), b.get(k)
            else:
                yield from differences(a[k], b[k], path + "/" + k)
    elif isinstance(a, list):
        if len(a) != len(b):
            yield path + "[len]", len(a), len(b)
        for i, (x, y) in enumerate(zip(a, b)):
            yield from differences(x, y, "%s/%d" % (path, i))
    elif a != b:
        yield path, a, b


def main():
    if len(sys.argv) < 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    with open(sys.argv[1]) as f:
        a = json.load(f)
    with open(sys.argv[2]) as f:
        b = json.load(f)
    rewritten = set(sys.argv[3:])
    del a["cover"]["package"], b["cover"]["package"]
    bad = 0
    seen = set()
    for path, x, y in differences(a, b):
        parts = path.split("/")
        if len(parts) == 4 and parts[1] == "annex" and parts[3] == "sha256":
            name = a["annex"][int(parts[2])]["path"]
            if name in rewritten:
                seen.add(name)
                continue
        print("roundtrip: %s: %r != %r" % (path, x, y))
        bad = 1
    if not bad:
        print("          roundtrip: the same report; %d rewritten tables "
              "differ only in their hash" % len(seen))
    return bad


if __name__ == "__main__":
    sys.exit(main())
