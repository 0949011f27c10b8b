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
byte-order mark, ';', CRLF, decimal comma, dd-mm-yyyy in Dutch) in both
languages, with and without --reveal-personal-data; then the CLI writes
the plan and other reports in one run, and a run refused for one
unwritable target leaves nothing behind.

usage: plan.py BUILD_DIR
"""
import csv
import io
import os
import re
import subprocess
import sys
import tempfile

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
                code, err = audit(["-o", path], *extra)
                # 1: the package has deviations
                if check(code == 1, "audit --lang %s: exit %d: %s"
                         % (lang, code, err)):
                    check_csv(path, lang, reveal, want)
        cli_cases(d)
    if failures:
        for f in failures:
            print("FAIL plan: %s" % f)
        sys.exit(1)
    print("          plan: %d rows as worked out by hand, CSV in en and nl, "
          "names only when revealed; one run writes several formats; "
          "a refused run leaves nothing" % len(want))


def cli_cases(d):
    # several formats in one run: .plan.csv is the plan, .csv the findings
    w = os.path.join(d, "together")
    os.mkdir(w)
    code, err = audit(["-o", "x.plan.csv", "-o", "f.csv", "-o", "r.html"],
                      cwd=w)
    check(code == 1, "together: exit %d: %s" % (code, err))
    check(sorted(os.listdir(w)) == ["f.csv", "r.html", "x.plan.csv"],
          "together: wrote %s" % sorted(os.listdir(w)))
    if code == 1:
        check(open(os.path.join(w, "x.plan.csv"), "rb").read(3) ==
              b"\xef\xbb\xbf", "together: x.plan.csv is not the plan")
        check(open(os.path.join(w, "f.csv"), "rb").read(4) == b"key,",
              "together: f.csv is not the findings CSV")
    # one target that cannot be written: refused before any work, and
    # neither the other reports nor a temporary file are left
    w = os.path.join(d, "refused")
    tmp = os.path.join(d, "tmp")
    os.mkdir(w)
    os.mkdir(tmp)
    env = dict(os.environ, TMPDIR=tmp)
    code, err = audit(["-o", "r.html", "-o", "x.plan.csv", "-o",
                       "missing/y.plan.csv"], cwd=w, env=env)
    check(code == 2, "refused: exit %d, expected 2: %s" % (code, err))
    check(err.startswith("flexaudit: cannot write 'missing/y.plan.csv': "),
          "refused: stderr %r" % err)
    check(os.listdir(w) == [], "refused: left %s" % os.listdir(w))
    check(os.listdir(tmp) == [], "refused: left in TMPDIR %s"
          % os.listdir(tmp))


if __name__ == "__main__":
    main()
