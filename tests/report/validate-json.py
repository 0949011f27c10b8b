#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Validate JSON reports against docs/report-json.schema.json.

Usage: validate-json.py BUILD_DIR [FILE.json ...]

Runs BUILD_DIR/flexaudit audit on the demo package (BUILD_DIR/packages/
demo.zip) and on the minimal package in several ways (self-assessment,
inspection with a seed, Dutch, personal data revealed, one rule set), and
validates every document, and each FILE given, against the schema. Then
checks that the schema can fail: a renamed key at each level, a wrong type
and an unknown verdict must each be refused, so a schema that accepts
everything does not pass. Needs python3-jsonschema (Debian 12: 4.10).
Every key the schema names must be in docs/report-json.md (as `key`).
Exit 0 when all is well, 1 otherwise.
"""
import copy
import json
import os
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:
    sys.exit("validate-json: python3-jsonschema is missing "
             "(sudo apt-get install python3-jsonschema)")

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA = os.path.join(HERE, "..", "..", "docs", "report-json.schema.json")
DOC = os.path.join(HERE, "..", "..", "docs", "report-json.md")

# (name, package, extra arguments)
CASES = [
    ("demo-self-en", "demo", []),
    ("demo-inspection-nl", "demo",
     ["--mode", "inspection", "--seed", "42", "--lang", "nl"]),
    ("demo-revealed", "demo", ["--reveal-personal-data"]),
    ("demo-big-seed", "demo",
     ["--mode", "inspection", "--seed", "123456789012345678"]),
    ("demo-fec-only", "demo", ["--rules", "rules/fec-2025.4.xml"]),
    ("minimal", "minimal", []),
]


def validator():
    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def undocumented(schema):
    """Keys the schema names that docs/report-json.md does not."""
    with open(DOC, encoding="utf-8") as f:
        doc = f.read()
    keys = set()

    def walk(node):
        if isinstance(node, dict):
            keys.update(node.get("properties", {}))
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    walk(schema)
    return sorted(k for k in keys if "`%s`" % k not in doc)


def errors(v, doc):
    return sorted(v.iter_errors(doc), key=lambda e: list(e.absolute_path))


def run_case(build, tmp, name, package, extra):
    out = os.path.join(tmp, name + ".json")
    cmd = [os.path.join(build, "flexaudit"), "audit",
           os.path.join(build, "packages", package + ".zip"),
           "--format", "json", "-o", out,
           "--generated-at", "2026-11-12T10:00:00Z"] + extra
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    # 0 compliant, 1 deviations, 4 incomplete: all write a report
    if p.returncode not in (0, 1, 4):
        print("FAIL %s: %s exited %d: %s" % (name, " ".join(cmd),
                                              p.returncode, p.stderr.strip()))
        return None
    return out


def check_file(v, path, label):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if not text.endswith("}\n"):
        print("FAIL %s: does not end in a newline after the object" % label)
        return None
    doc = json.loads(text)
    errs = errors(v, doc)
    for e in errs[:10]:
        print("FAIL %s: at /%s: %s" % (label,
                                       "/".join(str(p) for p in
                                                e.absolute_path),
                                       e.message))
    return None if errs else doc


def rename(obj, key):
    """A copy of dict obj with key renamed (and moved last)."""
    o = dict(obj)
    o[key + "_renamed"] = o.pop(key)
    return o


def must_fail(v, doc):
    """Documents the schema has to refuse, built from a valid one."""
    bad = []
    d = copy.deepcopy(doc)
    d["verdict"] = rename(d["verdict"], "key")
    bad.append(("renamed verdict.key", d))
    d = copy.deepcopy(doc)
    d["cover"] = rename(d["cover"], "kvk")
    bad.append(("renamed cover.kvk", d))
    d = copy.deepcopy(doc)
    d["flexaudit_version"] = d.pop("flexaudit")
    bad.append(("renamed top-level flexaudit", d))
    d = copy.deepcopy(doc)
    d["verdict"]["key"] = "maybe"
    bad.append(("unknown verdict", d))
    secs = [s for s in doc["sections"] if s["findings"]]
    if secs:
        i = doc["sections"].index(secs[0])
        d = copy.deepcopy(doc)
        d["sections"][i]["findings"][0] = rename(
            d["sections"][i]["findings"][0], "observed")
        bad.append(("renamed finding.observed", d))
        d = copy.deepcopy(doc)
        d["sections"][i]["findings"][0]["evidence"]["line"] = "4"
        bad.append(("finding.evidence.line as text", d))
        d = copy.deepcopy(doc)
        d["sections"][i]["findings"][0]["person"] = {"name": "x"}
        bad.append(("person without bsn and birth_date", d))
        d = copy.deepcopy(doc)
        d["sections"][i]["findings"][0]["rule_confidence"] = "probable"
        bad.append(("an unknown finding.rule_confidence", d))
        d = copy.deepcopy(doc)
        del d["sections"][i]["findings"][0]["value_confidence"]
        bad.append(("finding.value_confidence missing", d))
    if doc["housing"]:
        d = copy.deepcopy(doc)
        d["housing"][0] = rename(d["housing"][0], "rent_max_cents")
        bad.append(("renamed housing.rent_max_cents", d))
        d = copy.deepcopy(doc)
        d["housing"][0]["rent_max_cents"] = 121.5
        bad.append(("money as a float", d))
    d = copy.deepcopy(doc)
    d["counts"]["fail"] = -1
    bad.append(("negative count", d))
    d = copy.deepcopy(doc)
    del d["annex"]
    bad.append(("annex missing", d))
    with_values = [r for r in doc["rules"] if r["values"]]
    if with_values:
        i = doc["rules"].index(with_values[0])
        d = copy.deepcopy(doc)
        d["rules"][i]["values"][0]["kind"] = "constant"
        bad.append(("an unknown rules.values.kind", d))
        d = copy.deepcopy(doc)
        d["rules"][i]["values"][0] = rename(d["rules"][i]["values"][0],
                                            "confidence")
        bad.append(("renamed rules.values.confidence", d))
    ok = True
    for label, d in bad:
        if not errors(v, d):
            print("FAIL schema accepts a document with %s" % label)
            ok = False
    return ok, len(bad)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    build = sys.argv[1]
    v = validator()
    ok = True
    for k in undocumented(v.schema):
        print("FAIL docs/report-json.md does not document key '%s'" % k)
        ok = False
    docs = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, package, extra in CASES:
            path = run_case(build, tmp, name, package, extra)
            doc = path and check_file(v, path, name)
            ok = ok and doc is not None
            if doc is not None:
                docs.append((name, doc))
    for path in sys.argv[2:]:
        doc = check_file(v, path, path)
        ok = ok and doc is not None
    # the documents must exercise what they claim
    by = dict(docs)
    if "demo-revealed" in by and '"person"' not in json.dumps(
            by["demo-revealed"]):
        print("FAIL demo-revealed: no \"person\" on any finding")
        ok = False
    if "demo-self-en" in by and '"person"' in json.dumps(by["demo-self-en"]):
        print("FAIL demo-self-en: \"person\" without --reveal-personal-data")
        ok = False
    demo = by.get("demo-self-en")
    if demo:
        found = [f for sec in demo["sections"] for f in sec["findings"]]
        if not any(f["value_confidence"] for f in found) or \
                all(f["value_confidence"] for f in found):
            print("FAIL demo-self-en: value_confidence should be set on "
                  "some findings and null on others")
            ok = False
        if not any(r["values"] for r in demo["rules"]):
            print("FAIL demo-self-en: no rule lists the values it read")
            ok = False
    big = by.get("demo-big-seed")
    if big and big["cover"]["sample"]["seed"] != 123456789012345678:
        print("FAIL demo-big-seed: seed is %r" % big["cover"]["sample"]["seed"])
        ok = False
    n_bad = 0
    if "demo-self-en" in by:
        good, n_bad = must_fail(v, by["demo-self-en"])
        ok = ok and good
    print("          report-json: %d documents valid, %d broken ones "
          "refused%s" % (len(docs) + len(sys.argv) - 2, n_bad,
                         "" if ok else " -- FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
