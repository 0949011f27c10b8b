#!/usr/bin/env python3
"""The action plan against rows worked out by hand (docs/action-plan.md).

The fixture package fixtures/packages/plan/ has five workers and four pay
periods. Audited with four rules, its deviations follow from its tables
and the norms alone, so the rows below are computed here from the
package's CSV files, never read from the program:

- FEC-PRE-NO-A1 (major): a worker paid under an A1 certificate (W0001);
- EQ-WORKER-CONTRACT (minor): a worker with no document of type
  employment-contract (W0002);
- EQ-EMPLOYMENT-DATES (observation): W0002's employment ends before it
  starts: an observation, so no row;
- WML-MINIMUM-WAGE (major): a pay period paid below the adult minimum
  hourly wage of its first day (EUR 14.40 from 2025-07-01, norms.md
  section 11 table) fails, owing hours x the difference; at the minimum
  passes; a worker without a birth date and without aged_21_or_over
  needs review.

The repair deadline is the audit date (the end of the audit period) plus
3 months for a major rule and 6 for a minor one, clamped to the month's
last day. The plan is written by the real binary as CSV (Dutch Excel:
byte-order mark, ';', CRLF, decimal comma, dd-mm-yyyy in Dutch) and as
an Excel workbook, read here with zipfile and ElementTree alone (sheet
name, headings, rows, dates and money as numbers with their formats, the
frozen heading row, the autofilter, no formula), in both languages, with
and without --reveal-personal-data; then the CLI writes the plan in both
formats and a report in one run, and a run refused for one unwritable
target leaves nothing behind.

usage: plan.py BUILD_DIR
"""
import csv
import datetime
import io
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile

B = sys.argv[1] if len(sys.argv) > 1 else "build"
BIN = os.path.join(B, "flexaudit")
PKG = os.path.join(B, "packages", "plan.zip")
SRC = os.path.join("fixtures", "packages", "plan")
RULES = ["FEC-PRE-NO-A1", "EQ-WORKER-CONTRACT", "EQ-EMPLOYMENT-DATES",
         "WML-MINIMUM-WAGE"]
# the adult minimum hourly wage in cents, from the day it applies
# (norms.md section 11: EUR 14.06 from 2025-01-01, 14.40 from 2025-07-01)
WML = [("2025-01-01", 1406), ("2025-07-01", 1440)]

HEADINGS = {
    "en": ["Requirement", "Rule set", "Article", "Class", "Subject", "Found",
           "What to do", "Repair by", "Owed to the worker (EUR)", "Evidence",
           "Owner", "Status", "Done on"],
    "nl": ["Eis", "Regelset", "Artikel", "Klasse", "Onderwerp", "Bevinding",
           "Wat te doen", "Herstellen uiterlijk",
           "Verschuldigd aan werknemer (EUR)", "Bewijs", "Verantwoordelijke",
           "Status", "Afgerond op"],
}
NAME = {"en": "Name", "nl": "Naam"}
CLASS = {
    "en": {"major": "A-deviation", "minor": "B-deviation",
           "review": "to review"},
    "nl": {"major": "A-afwijking", "minor": "B-afwijking",
           "review": "te beoordelen"},
}

SHEET = {"en": "Action plan", "nl": "Actieplan"}
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = ("{http://schemas.openxmlformats.org/officeDocument/2006/"
       "relationships}id")

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
    return cond


def table(name):
    with open(os.path.join(SRC, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def period_end():
    s = open(os.path.join(SRC, "manifest.in.xml"), encoding="utf-8").read()
    return re.search(r'<audit-period from="[^"]+" to="([^"]+)"', s).group(1)


def add_months(iso, months):
    y, m, d = (int(x) for x in iso.split("-"))
    m += months
    y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    days = [31, 29 if y % 4 == 0 and (y % 100 or y % 400 == 0) else 28,
            31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return "%04d-%02d-%02d" % (y, m, min(d, days))


def rule_order():
    """Rule ids in the order the bundled rule sets load: files by name,
    rules in file order."""
    ids = []
    for name in sorted(os.listdir("rules")):
        if name.endswith(".xml"):
            s = open(os.path.join("rules", name), encoding="utf-8").read()
            ids += re.findall(r'<rule id="([^"]+)"', s)
    return ids


def expected_rows():
    """(deadline or '', rule, class key, subject, cents or None,
    evidence) per row, in the plan's order."""
    audit = period_end()
    a, b = add_months(audit, 3), add_months(audit, 6)
    workers = table("workers.csv")
    docs = table("documents.csv")
    rows = []
    for i, w in enumerate(workers):
        ev = "workers.csv:%d" % (i + 2)
        if w["social_security"] == "a1":
            rows.append((a, "FEC-PRE-NO-A1", "major", w["employee_id"],
                         None, ev))
        if not any(d["employee_id"] == w["employee_id"] and
                   d["type"] == "employment-contract" for d in docs):
            rows.append((b, "EQ-WORKER-CONTRACT", "minor", w["employee_id"],
                         None, ev))
    by_id = {w["employee_id"]: w for w in workers}
    for i, p in enumerate(table("pay-periods.csv")):
        w = by_id[p["employee_id"]]
        subject = "%s/%s" % (p["employee_id"], p["period_start"])
        ev = "pay-periods.csv:%d" % (i + 2)
        # every worker with a birth date here is 21 or older
        assert not w["birth_date"] or w["birth_date"] < "2004-01-01"
        if not w["birth_date"] and w["aged_21_or_over"] not in ("ja", "yes"):
            rows.append(("", "WML-MINIMUM-WAGE", "review", subject, None, ev))
            continue
        minimum = [c for d, c in WML if d <= p["period_start"]][-1]
        wage = round(float(p["hourly_base_wage"]) * 100)
        if wage < minimum:
            cents = round(float(p["hours"]) * (minimum - wage))
            rows.append((a, "WML-MINIMUM-WAGE", "major", subject, cents, ev))
    order = {r: i for i, r in enumerate(rule_order())}
    deviations = sorted((r for r in rows if r[0]),
                        key=lambda r: (r[0], order[r[1]]))
    reviews = [r for r in rows if not r[0]]
    return deviations + sorted(reviews, key=lambda r: order[r[1]])


def audit(out_args, *extra, cwd=None, env=None):
    args = [os.path.abspath(BIN), "audit", os.path.abspath(PKG),
            "--generated-at", "2026-02-01T12:00:00Z"]
    for r in RULES:
        args += ["--rule", r]
    p = subprocess.run(args + list(extra) + out_args, cwd=cwd, env=env,
                       capture_output=True)
    return p.returncode, p.stderr.decode("utf-8", "replace")


def money_text(cents):
    # a decimal comma in both languages, no grouping, two decimals
    return "" if cents is None else "%d,%02d" % (cents // 100, cents % 100)


def date_text(iso, lang):
    if not iso or lang == "en":
        return iso
    y, m, d = iso.split("-")
    return "%s-%s-%s" % (d, m, y)


def check_csv(path, lang, reveal, want):
    raw = open(path, "rb").read()
    name = os.path.basename(path)
    check(raw.startswith(b"\xef\xbb\xbf"), "%s: no UTF-8 byte-order mark"
          % name)
    text = raw[3:].decode("utf-8")
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    # every record ends in CRLF: the text split on CRLF outside quotes
    check(text.endswith("\r\n"), "%s: does not end in CRLF" % name)
    check(not re.search(r"(?<!\r)\n(?=[^\"]*$)", text),
          "%s: a bare LF ends a record" % name)
    heads = list(HEADINGS[lang])
    if reveal:
        heads.insert(heads.index(HEADINGS[lang][4]) + 1, NAME[lang])
    check(records and records[0] == heads, "%s: header %r, expected %r"
          % (name, records[0] if records else None, heads))
    rows = records[1:]
    check(len(rows) == len(want), "%s: %d rows, expected %d"
          % (name, len(rows), len(want)))
    col = {h: i for i, h in enumerate(heads)}
    h = HEADINGS[lang]
    workers = {w["employee_id"]: w for w in table("workers.csv")}
    for got, (deadline, rule, cls, subject, cents, ev) in zip(rows, want):
        what = "%s: row %s %s" % (name, rule, subject)
        check(len(got) == len(heads), "%s: %d cells" % (what, len(got)))
        if len(got) != len(heads):
            continue
        check(got[col[h[0]]].startswith(rule + ": "),
              "%s: requirement %r" % (what, got[col[h[0]]]))
        check(got[col[h[3]]] == CLASS[lang][cls], "%s: class %r"
              % (what, got[col[h[3]]]))
        check(got[col[h[4]]] == subject, "%s: subject %r"
              % (what, got[col[h[4]]]))
        check(got[col[h[7]]] == date_text(deadline, lang),
              "%s: deadline %r, expected %r"
              % (what, got[col[h[7]]], date_text(deadline, lang)))
        check(got[col[h[8]]] == money_text(cents), "%s: owed %r, expected %r"
              % (what, got[col[h[8]]], money_text(cents)))
        check(got[col[h[9]]] == ev, "%s: evidence %r, expected %r"
              % (what, got[col[h[9]]], ev))
        check(got[col[h[5]]] and got[col[h[6]]],
              "%s: nothing found or nothing to do" % what)
        for k in (10, 11, 12):
            check(got[col[h[k]]] == "", "%s: %s not empty" % (what, h[k]))
        if reveal:
            name_ = workers[subject.split("/")[0]]["name"]
            if name_.startswith("="):
                # defused: a spreadsheet shows it as text
                name_ = "'" + name_
            check(got[col[NAME[lang]]] == name_, "%s: name %r, expected %r"
                  % (what, got[col[NAME[lang]]], name_))
    names = [w["name"] for w in workers.values()]
    if not reveal:
        for n in names:
            check(n not in text, "%s: shows the name %r" % (name, n))
    check("EQ-EMPLOYMENT-DATES" not in text,
          "%s: an observation is a row" % name)
    return len(rows)



def col_index(ref):
    """0-based column of a cell reference such as "AB12"."""
    n = 0
    for ch in re.match(r"[A-Z]+", ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n - 1


def col_name(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def excel_serial(iso):
    """Excel's day number of a date (1900 system)."""
    d = datetime.date.fromisoformat(iso)
    return (d - datetime.date(1899, 12, 30)).days


class Workbook:
    """The parts of an XLSX that the checks read."""

    def __init__(self, path):
        z = zipfile.ZipFile(path)
        self.names = z.namelist()
        wb = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        target = {r.get("Id"): r.get("Target") for r in rels}
        self.sheets = [(s.get("name"), "xl/" + target[s.get(REL)])
                       for s in wb.iter(MAIN + "sheet")]
        self.shared = []
        if "xl/sharedStrings.xml" in self.names:
            sst = ET.fromstring(z.read("xl/sharedStrings.xml"))
            self.shared = ["".join(t.text or "" for t in si.iter(MAIN + "t"))
                           for si in sst.iter(MAIN + "si")]
        st = ET.fromstring(z.read("xl/styles.xml"))
        fmts = {int(f.get("numFmtId")): f.get("formatCode")
                for f in st.iter(MAIN + "numFmt")}
        fonts = [f.find(MAIN + "b") is not None
                 for f in st.find(MAIN + "fonts")]
        self.xf = []  # per style index: (number format code, bold)
        for x in st.find(MAIN + "cellXfs"):
            self.xf.append((fmts.get(int(x.get("numFmtId", "0")), ""),
                            fonts[int(x.get("fontId", "0"))]))
        self.sheet = ET.fromstring(z.read(self.sheets[0][1]))
        self.xml = z.read(self.sheets[0][1]).decode("utf-8")
        self.rows = {}
        for row in self.sheet.iter(MAIN + "row"):
            cells = {}
            for c in row.iter(MAIN + "c"):
                cells[col_index(c.get("r"))] = c
            self.rows[int(row.get("r"))] = cells

    def value(self, c):
        """(kind, value) of a cell: ("s", text), ("n", float)."""
        t = c.get("t")
        if t == "inlineStr":
            return "s", "".join(x.text or "" for x in c.iter(MAIN + "t"))
        if t == "s":
            return "s", self.shared[int(c.find(MAIN + "v").text)]
        v = c.find(MAIN + "v")
        return "n", None if v is None else float(v.text)

    def style(self, c):
        return self.xf[int(c.get("s", "0"))]


def check_xlsx(path, lang, reveal, want, csv_rows):
    name = os.path.basename(path)
    try:
        wb = Workbook(path)
    except (zipfile.BadZipFile, KeyError, ET.ParseError) as e:
        check(False, "%s: not a workbook: %s" % (name, e))
        return
    check([s[0] for s in wb.sheets] == [SHEET[lang]], "%s: sheets %r"
          % (name, [s[0] for s in wb.sheets]))
    heads = list(HEADINGS[lang])
    if reveal:
        heads.insert(heads.index(HEADINGS[lang][4]) + 1, NAME[lang])
    col = {h: i for i, h in enumerate(heads)}
    h = HEADINGS[lang]
    last = col_name(len(heads) - 1)
    got_heads = [wb.value(wb.rows.get(1, {})[i])[1]
                 if i in wb.rows.get(1, {}) else None
                 for i in range(len(heads))]
    check(got_heads == heads, "%s: heading %r" % (name, got_heads))
    check(all(wb.style(c)[1] for c in wb.rows.get(1, {}).values()),
          "%s: the heading is not bold" % name)
    rows = sorted(r for r in wb.rows if r > 1)
    check(rows == list(range(2, len(want) + 2)), "%s: rows %r, expected 2 "
          "to %d" % (name, rows, len(want) + 1))
    check(len(rows) == csv_rows, "%s: %d rows, the CSV %d"
          % (name, len(rows), csv_rows))
    # the heading row frozen, the filter over the whole table
    pane = wb.sheet.find(".//%spane" % MAIN)
    check(pane is not None and pane.get("state") == "frozen" and
          pane.get("ySplit") == "1" and pane.get("xSplit") is None,
          "%s: the heading row is not frozen" % name)
    af = wb.sheet.find(MAIN + "autoFilter")
    check(af is not None and af.get("ref") == "A1:%s%d"
          % (last, len(want) + 1), "%s: autofilter %r"
          % (name, None if af is None else af.get("ref")))
    check(wb.sheet.find(".//%sf" % MAIN) is None, "%s: holds a formula"
          % name)
    # the done-on column is formatted as a date for what is typed in
    done = col[h[12]] + 1
    done_fmt = [wb.xf[int(c.get("style", "0"))][0]
                for c in wb.sheet.iter(MAIN + "col")
                if int(c.get("min")) <= done <= int(c.get("max"))]
    date_fmt = "dd-mm-yyyy" if lang == "nl" else "yyyy-mm-dd"
    check(done_fmt == [date_fmt], "%s: done-on column format %r"
          % (name, done_fmt))
    workers = {w["employee_id"]: w for w in table("workers.csv")}
    for r, (deadline, rule, cls, subject, cents, ev) in zip(rows, want):
        cells = wb.rows[r]
        what = "%s: row %d %s %s" % (name, r, rule, subject)

        def text(i):
            c = cells.get(i)
            return "" if c is None else wb.value(c)[1]
        check(text(col[h[0]]).startswith(rule + ": "), "%s: requirement %r"
              % (what, text(col[h[0]])))
        check(text(col[h[3]]) == CLASS[lang][cls], "%s: class %r"
              % (what, text(col[h[3]])))
        check(text(col[h[4]]) == subject, "%s: subject %r"
              % (what, text(col[h[4]])))
        check(text(col[h[9]]) == ev, "%s: evidence %r" % (what,
                                                          text(col[h[9]])))
        c = cells.get(col[h[7]])
        if deadline:
            ok = check(c is not None and wb.value(c)[0] == "n",
                       "%s: the deadline is not a number" % what)
            if ok:
                check(wb.value(c)[1] == excel_serial(deadline),
                      "%s: deadline %r, expected %d (%s)" % (
                          what, wb.value(c)[1], excel_serial(deadline),
                          deadline))
                check(wb.style(c)[0] == date_fmt, "%s: deadline format %r"
                      % (what, wb.style(c)[0]))
        else:
            check(c is None or wb.value(c)[1] is None,
                  "%s: a review item has a deadline" % what)
        c = cells.get(col[h[8]])
        if cents is None:
            check(c is None or wb.value(c)[1] is None,
                  "%s: money where none is owed" % what)
        elif check(c is not None and wb.value(c)[0] == "n",
                   "%s: the money owed is not a number" % what):
            check(round(wb.value(c)[1] * 100) == cents, "%s: owed %r, "
                  "expected %d cents" % (what, wb.value(c)[1], cents))
            check("0.00" in wb.style(c)[0] and "\u20ac" in wb.style(c)[0],
                  "%s: money format %r" % (what, wb.style(c)[0]))
        if reveal:
            # a name that starts with '=' stays text: no formula above
            check(text(col[NAME[lang]]) ==
                  workers[subject.split("/")[0]]["name"], "%s: name %r"
                  % (what, text(col[NAME[lang]])))
    if not reveal:
        for w in workers.values():
            check(w["name"] not in wb.xml, "%s: shows the name %r"
                  % (name, w["name"]))

def main():
    want = expected_rows()
    check(len(want) == 5, "the fixture gives %d rows by hand, expected 5"
          % len(want))
    with tempfile.TemporaryDirectory() as d:
        for lang in ("en", "nl"):
            for reveal in (False, True):
                path = os.path.join(d, "%s%s.plan.csv"
                                    % (lang, "-revealed" if reveal else ""))
                extra = ["--lang", lang]
                if reveal:
                    extra.append("--reveal-personal-data")
                book = path[:-len(".plan.csv")] + ".xlsx"
                code, err = audit(["-o", path, "-o", book], *extra)
                # 1: the package has deviations
                if check(code == 1, "audit --lang %s: exit %d: %s"
                         % (lang, code, err)):
                    n = check_csv(path, lang, reveal, want)
                    check_xlsx(book, lang, reveal, want, n)
        cli_cases(d)
    if failures:
        for f in failures:
            print("FAIL plan: %s" % f)
        sys.exit(1)
    print("          plan: %d rows as worked out by hand, CSV and XLSX in en "
          "and nl, names only when revealed; one run writes several "
          "formats; a refused run leaves nothing" % len(want))


def cli_cases(d):
    # several formats in one run: .plan.csv is the plan, .csv the findings
    w = os.path.join(d, "together")
    os.mkdir(w)
    code, err = audit(["-o", "x.plan.csv", "-o", "x.xlsx", "-o", "f.csv",
                       "-o", "r.html"], cwd=w)
    check(code == 1, "together: exit %d: %s" % (code, err))
    check(sorted(os.listdir(w)) == ["f.csv", "r.html", "x.plan.csv",
                                    "x.xlsx"],
          "together: wrote %s" % sorted(os.listdir(w)))
    if code == 1:
        check(open(os.path.join(w, "x.plan.csv"), "rb").read(3) ==
              b"\xef\xbb\xbf", "together: x.plan.csv is not the plan")
        check(open(os.path.join(w, "f.csv"), "rb").read(4) == b"key,",
              "together: f.csv is not the findings CSV")
        check(zipfile.is_zipfile(os.path.join(w, "x.xlsx")),
              "together: x.xlsx is not a workbook")
    # one target that cannot be written: refused before any work, and
    # neither the other reports nor a temporary file are left
    w = os.path.join(d, "refused")
    tmp = os.path.join(d, "tmp")
    os.mkdir(w)
    os.mkdir(tmp)
    env = dict(os.environ, TMPDIR=tmp)
    for bad in ("missing/y.plan.csv", "missing/y.xlsx"):
        code, err = audit(["-o", "r.html", "-o", "x.plan.csv", "-o",
                           "x.xlsx", "-o", bad], cwd=w, env=env)
        check(code == 2, "refused: exit %d, expected 2: %s" % (code, err))
        check(err.startswith("flexaudit: cannot write '%s': " % bad),
              "refused: stderr %r" % err)
        check(os.listdir(w) == [], "refused: left %s" % os.listdir(w))
        check(os.listdir(tmp) == [], "refused: left in TMPDIR %s"
              % os.listdir(tmp))
    # the workbook made, and its copy into the report failing (a full
    # disk): exit 4, and nothing left in TMPDIR
    if os.path.exists("/dev/full"):
        with open("/dev/full", "wb") as full:
            args = [os.path.abspath(BIN), "audit", os.path.abspath(PKG),
                    "--format", "xlsx"]
            p = subprocess.run(args, stdout=full, stderr=subprocess.PIPE,
                               env=env)
        err = p.stderr.decode("utf-8", "replace")
        check(p.returncode == 4, "xlsx > /dev/full: exit %d: %s"
              % (p.returncode, err))
        check(err == "flexaudit: cannot write the action plan: No space "
              "left on device\n", "xlsx > /dev/full: stderr %r" % err)
        check(os.listdir(tmp) == [], "xlsx > /dev/full: left in TMPDIR %s"
              % os.listdir(tmp))


if __name__ == "__main__":
    main()
