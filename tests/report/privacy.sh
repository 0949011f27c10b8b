#!/bin/sh
# SPDX-License-Identifier: MIT
# Personal data in reports: for the demo package, every report format
# (text, json, csv, html and the action plan's plan-csv and xlsx; FORMATS
# overrides the list) is written by the
# real binary in self-assessment (English) and inspection (Dutch) mode, and
# none may hold a demo worker's name (whole, or any part of four letters or
# more), BSN, or birth date (ISO, dd-mm-yyyy, dd/mm/yyyy, or spelled out),
# nor any other 9-digit number that passes the BSN elfproef. With
# --reveal-personal-data the JSON and CSV reports must hold them, and the
# action plan the names but still no BSN or birth date. The
# workers are read from the package's source, fixtures/packages/demo/
# workers.csv. Usage: sh tests/report/privacy.sh BUILD_DIR
set -u
B=${1:-build}
BIN=$B/flexaudit
PKG=$B/packages/demo.zip
WORKERS=fixtures/packages/demo/workers.csv
FORMATS=${FORMATS:-text json csv html plan-csv xlsx}
PYTHON=${PYTHON:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad=0

# audit NAME FORMAT ARGS...: the report in $tmp/NAME.FORMAT
audit() {
	name=$1 fmt=$2
	shift 2
	"$BIN" audit "$PKG" --format "$fmt" -o "$tmp/$name.$fmt" \
		--generated-at 2026-11-12T10:00:00Z "$@" 2> "$tmp/err"
	code=$?
	# 0 compliant, 1 deviations (the demo has them): a report was written
	if [ "$code" -gt 1 ]; then
		echo "FAIL privacy: audit --format $fmt $*: exit $code: $(cat "$tmp/err")"
		bad=1
		rm -f "$tmp/$name.$fmt"
	fi
}

for fmt in $FORMATS; do
	audit hidden-self "$fmt"
	audit hidden-inspection "$fmt" --mode inspection --seed 42 --lang nl
	audit revealed "$fmt" --reveal-personal-data
done

"$PYTHON" - "$tmp" "$WORKERS" $FORMATS <<'EOF' || bad=1
import csv
import html
import io
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

tmp, workers_csv, formats = sys.argv[1], sys.argv[2], sys.argv[3:]

raw = open(workers_csv, "rb").read()
try:
    text = raw.decode("utf-8-sig")
except UnicodeDecodeError:
    text = raw.decode("cp1252")  # as the demo's manifest declares
delim = ";" if text.split("\n", 1)[0].count(";") else ","
workers = list(csv.DictReader(io.StringIO(text), delimiter=delim))
assert len(workers) >= 10, "too few workers in %s" % workers_csv

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July",
           "August", "September", "October", "November", "December"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli",
           "augustus", "september", "oktober", "november", "december"],
}


def iso_of(d):
    m = re.fullmatch(r"(\d{2})-(\d{2})-(\d{4})", d)
    if m:
        return "%s-%s-%s" % (m.group(3), m.group(2), m.group(1))
    return d if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) else None


def elfproef(n):
    s = sum(int(n[i]) * (9 - i) for i in range(8)) - int(n[8])
    return s != 0 and s % 11 == 0


# What to look for, by employee number. Names are compared case-folded.
names, parts, bsns, births = {}, {}, {}, {}
for w in workers:
    eid = w["employee_id"]
    name = w["name"].strip()
    if name:
        names[" ".join(name.casefold().split())] = eid
        for part in re.split(r"[\s-]+", name.casefold()):
            if len(part) >= 4:
                parts[part] = eid
    bsn = (w.get("bsn") or "").strip()
    if bsn:
        bsns[bsn] = eid
    iso = iso_of((w.get("birth_date") or "").strip())
    if iso:
        births[iso] = eid

MONTH_NUMBER = {m.casefold(): i + 1 for names_ in MONTHS.values()
                for i, m in enumerate(names_)}
NOT_ALNUM_BEFORE = r"(?<![0-9A-Za-z])"
NOT_ALNUM_AFTER = r"(?![0-9A-Za-z])"
# a 9-digit run that is not part of a longer run, a hexadecimal hash or a
# decimal fraction; and the same number written 1234.56.789 or 123 456 789
NINE = re.compile(r"(?<![0-9A-Za-z.])([0-9]{9})" + NOT_ALNUM_AFTER)
NINE_SPLIT = re.compile(NOT_ALNUM_BEFORE + r"([0-9]{4}\.[0-9]{2}\.[0-9]{3}|"
                        r"[0-9]{3} [0-9]{3} [0-9]{3})" + NOT_ALNUM_AFTER)
DATE_ISO = re.compile(NOT_ALNUM_BEFORE + r"([0-9]{4})-([0-9]{2})-([0-9]{2})"
                      + NOT_ALNUM_AFTER)
DATE_DMY = re.compile(NOT_ALNUM_BEFORE + r"([0-9]{1,2})[-/.]([0-9]{1,2})"
                      r"[-/.]([0-9]{4})" + NOT_ALNUM_AFTER)
DATE_WORDS = re.compile(NOT_ALNUM_BEFORE + r"([0-9]{1,2}) ([A-Za-z]+),? "
                        r"([0-9]{4})" + NOT_ALNUM_AFTER)


ELFPROEF = "elfproef"
PLAN_FORMATS = ("plan-csv", "xlsx")


def personal_data(s):
    """(kind, employee number) pairs of the personal data found in s."""
    found = set()
    folded = s.casefold()
    for name, eid in names.items():
        if name in folded and re.search(r"(?<!\w)%s(?!\w)" %
                                        re.escape(name), folded):
            found.add(("name", eid))
    for word in set(re.findall(r"\w+", folded)):
        if word in parts:
            found.add(("name part", parts[word]))
    numbers = set(NINE.findall(s))
    numbers |= {re.sub(r"[. ]", "", n) for n in NINE_SPLIT.findall(s)}
    for n in numbers:
        if n in bsns:
            found.add(("BSN", bsns[n]))
        elif elfproef(n):
            found.add((ELFPROEF, n))
    dates = {"%s-%s-%s" % m for m in DATE_ISO.findall(s)}
    dates |= {"%s-%02d-%02d" % (y, int(m), int(d))
              for d, m, y in DATE_DMY.findall(s)}
    for d, month, y in DATE_WORDS.findall(s):
        if month.casefold() in MONTH_NUMBER:
            dates.add("%s-%02d-%02d" % (y, MONTH_NUMBER[month.casefold()],
                                        int(d)))
    for d in dates:
        if d in births:
            found.add(("birth date", births[d]))
    return found


def readable(path, fmt):
    """The report as a reader sees it: escapes undone, space collapsed."""
    if fmt == "xlsx":
        # every text of every part of the workbook, cells apart
        z = zipfile.ZipFile(path)
        s = "\n".join(" ".join(ET.fromstring(z.read(n)).itertext())
                      for n in z.namelist() if n.endswith((".xml", ".rels")))
    else:
        s = open(path, encoding="utf-8").read()
    parts = [s]
    if fmt == "json":
        parts.append(json.dumps(json.loads(s), ensure_ascii=False))
    if fmt == "html":
        parts.append(html.unescape(s))
    return re.sub(r"\s+", " ", "\n".join(parts))


ok = True
ids = [w["employee_id"] for w in workers]
for fmt in formats:
    ok_before = ok
    for name in ("hidden-self", "hidden-inspection"):
        path = os.path.join(tmp, "%s.%s" % (name, fmt))
        if not os.path.exists(path):
            ok = False
            continue
        s = readable(path, fmt)
        # the report does name workers, by employee number: else it
        # would pass for having no worker in it at all
        if not any(i in s for i in ids):
            print("FAIL privacy: %s.%s names no worker at all" % (name, fmt))
            ok = False
        for kind, who in sorted(personal_data(s)):
            if kind == ELFPROEF:
                print("FAIL privacy: %s.%s shows %s, a number passing the "
                      "BSN elfproef" % (name, fmt, who))
            else:
                print("FAIL privacy: %s.%s shows the %s of %s" %
                      (name, fmt, kind, who))
            ok = False
    path = os.path.join(tmp, "revealed.%s" % fmt)
    if not os.path.exists(path):
        ok = False
        continue
    found = {}
    for kind, who in personal_data(readable(path, fmt)):
        found.setdefault(kind, set()).add(who)
    counts = ", ".join("%d %ss" % (len(found.get(k, ())), k)
                       for k in ("name", "BSN", "birth date"))
    if fmt in ("json", "csv"):
        for kind in ("name", "BSN", "birth date"):
            if not found.get(kind):
                print("FAIL privacy: revealed.%s shows no %s" % (fmt, kind))
                ok = False
    if fmt in PLAN_FORMATS:
        # the member's action plan needs names at most
        if not found.get("name"):
            print("FAIL privacy: revealed.%s shows no name" % fmt)
            ok = False
        for kind in ("BSN", "birth date", ELFPROEF):
            if found.get(kind):
                print("FAIL privacy: revealed.%s shows a %s" % (fmt, kind))
                ok = False
    if ok_before and ok:
        print("          privacy: %s: nothing personal unless revealed; "
              "revealed: %s" % (fmt, counts))
sys.exit(0 if ok else 1)
EOF
[ $bad = 0 ] || echo "FAILED: tests/report/privacy.sh"
exit $bad
