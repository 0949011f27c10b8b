#!/usr/bin/env python3
"""The inspection sample, drawn again from docs/sampling.md alone.

For each package and seed below, this script lists the employee numbers of
the package's workers table (read from the zip, in the encoding its
manifest gives), draws the sample as docs/sampling.md describes it
(splitmix64, rejection sampling, partial Fisher-Yates, sorted), and
compares it with the sample `flexaudit audit --mode inspection --format
json` puts on its cover. The expected values are the document's, not the
program's: a change to either that makes them disagree fails here.

usage: sample-draw.py BUILD_DIR
"""
import csv
import io
import json
import math
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

M64 = (1 << 64) - 1
NS = "{urn:flexaudit:evidence-package:1}"


def splitmix64(state):
    """Yield splitmix64 outputs from the seed as starting state."""
    while True:
        state = (state + 0x9E3779B97F4A7C15) & M64
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        yield z ^ (z >> 31)


def below(rng, n):
    """A uniform index below n: reject z >= 2^64 - (2^64 mod n)."""
    limit = (1 << 64) - ((1 << 64) % n)
    while True:
        z = next(rng)
        if z < limit:
            return z % n


def auto_size(n):
    return n if n <= 15 else max(15, math.isqrt(n - 1) + 1)


def draw(ids, seed, size):
    ids = sorted(ids, key=lambda s: s.encode("utf-8"))
    rng = splitmix64(seed)
    for i in range(size):
        j = i + below(rng, len(ids) - i)
        ids[i], ids[j] = ids[j], ids[i]
    return sorted(ids[:size], key=lambda s: s.encode("utf-8"))


def workers(path):
    """The employee numbers of the package's workers table."""
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        man = next(n for n in names if n.endswith("manifest.xml"))
        root = ET.fromstring(z.read(man))
        prefix = man[: -len("manifest.xml")]
        for f in root.iter(NS + "file"):
            if f.get("table") == "workers":
                enc = {"utf-8": "utf-8-sig", "windows-1252": "cp1252",
                       "utf-16": "utf-16"}[f.get("encoding", "utf-8")]
                text = z.read(prefix + f.get("path")).decode(enc)
                break
    sample = text.splitlines()[0]
    dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    rows = list(csv.reader(io.StringIO(text), dialect))
    col = [h.strip().lower() for h in rows[0]].index("employee_id")
    return [r[col].strip() for r in rows[1:] if r and r[col].strip()]


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    cases = [
        ("demo", 42, "auto"),
        ("demo", 1, "auto"),
        ("demo", 0, "3"),
        ("demo", 9223372036854775807, "auto"),  # the largest seed
        ("demo", 9007199254740993, "79"),
        ("data_quality", 7, "auto"),
        ("data_quality", 7, "2"),
        ("minimal", 5, "all"),
    ]
    fails = 0
    for pkg, seed, size in cases:
        path = "%s/packages/%s.zip" % (build, pkg)
        ids = workers(path)
        n = auto_size(len(ids)) if size == "auto" else \
            len(ids) if size == "all" else int(size)
        want = draw(ids, seed, n)
        out = subprocess.run(
            [build + "/flexaudit", "audit", "--mode", "inspection",
             "--seed", str(seed), "--sample", size, "--format", "json",
             "--rule", "EQ-WORKER-CONTRACT", path],
            capture_output=True, text=True)
        if out.returncode > 5 or not out.stdout:
            print("FAIL sample %s seed %d: exit %d: %s"
                  % (pkg, seed, out.returncode, out.stderr.strip()))
            fails += 1
            continue
        got = json.loads(out.stdout)["cover"]["sample"]
        if got["ids"] != want or got["size"] != n or \
                got["population"] != len(ids) or got["seed"] != seed:
            print("FAIL sample %s seed %d size %s: flexaudit drew %s of %d,"
                  " docs/sampling.md gives %s of %d"
                  % (pkg, seed, size, got["ids"], got["population"], want,
                     len(ids)))
            fails += 1
    if fails:
        sys.exit(1)
    print("          sample: %d draws agree with docs/sampling.md"
          % len(cases))


if __name__ == "__main__":
    main()
