#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Make a member's folder with the demo's tables as one XLSX workbook.

usage: demo-xlsx.py FLEXAUDIT DEMO_DIR OUT_DIR

Each table of DEMO_DIR (read in the encoding its manifest.xml declares)
becomes a sheet named after the table, with the cell types a spreadsheet
gives them: dates as date serials, numbers as numbers, yes/no as
booleans, text as shared strings (every other column as inline strings);
the column types come from `flexaudit schema --format json`. OUT_DIR gets
the workbook, a copy of documents/ and of manifest.xml (the member's
details). pack of OUT_DIR must audit to the report of the demo package.
"""
import csv
import datetime
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "build", os.path.join(HERE, "..", "..", "fixtures", "pack", "build.py"))
build = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build)
NS = "{urn:flexaudit:evidence-package:1}"


def cell(kind, text, k):
    text = text.strip()
    if text == "":
        return None
    if kind == "date":
        m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", text) or None
        if m:
            return datetime.date(int(m[1]), int(m[2]), int(m[3]))
        m = re.fullmatch(r"(\d{1,2})-(\d{1,2})-(\d{4})", text)
        if m:
            return datetime.date(int(m[3]), int(m[2]), int(m[1]))
    if kind in ("integer", "decimal", "money"):
        t = text.replace(",", ".")
        if re.fullmatch(r"-?\d+", t):
            return int(t)
        if re.fullmatch(r"-?\d+\.\d+", t):
            return float(t)
    if kind == "yes/no" and text.lower() in ("ja", "yes", "nee", "no"):
        return text.lower() in ("ja", "yes")
    return ("inline", text) if k % 2 else text


def main():
    flexaudit, demo, out = sys.argv[1:4]
    schema = json.loads(subprocess.run(
        [flexaudit, "schema", "--format", "json"], check=True,
        capture_output=True).stdout)
    types = {t["table"]: {c["name"]: c["type"] for c in t["columns"]}
             for t in schema["tables"]}
    man = ET.parse(os.path.join(demo, "manifest.xml")).getroot()
    sheets = []
    for f in man.iter(NS + "file"):
        if f.get("role") != "table":
            continue
        enc = {"windows-1252": "cp1252", "utf-16": "utf-16"}.get(
            f.get("encoding", "utf-8"), "utf-8-sig")
        with open(os.path.join(demo, f.get("path")), "rb") as fh:
            text = fh.read().decode(enc)
        first = text.splitlines()[0]
        rows = list(csv.reader(io.StringIO(text, newline=""),
                               delimiter=";" if ";" in first else ","))
        header = rows[0]
        kinds = [types[f.get("table")].get(h.strip().lower(), "text")
                 for h in header]
        sheet = [header] + [[cell(kinds[k], v, k) for k, v in enumerate(r)]
                            for r in rows[1:] if r]
        sheets.append((f.get("table"), sheet))
    os.makedirs(out, exist_ok=True)
    build.workbook(os.path.join(out, "Demo.xlsx"), sheets)
    shutil.copytree(os.path.join(demo, "documents"),
                    os.path.join(out, "documents"))
    shutil.copy(os.path.join(demo, "manifest.xml"), out)


if __name__ == "__main__":
    main()
