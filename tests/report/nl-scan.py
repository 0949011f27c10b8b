#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Scan a Dutch report for English words and for money in English notation.

usage: tests/report/nl-scan.py REPORT.txt|REPORT.html...

A Dutch report (flexaudit audit --lang nl) must be Dutch throughout: its
labels, the rules' texts (article, observed, expected, detail, remedy,
question) and the amounts. This reads each report as a reader sees it
(HTML: the text outside tags, scripts and styles) and reports every
English word of the list below and every amount written with a decimal
point ("1870.00", "€ 12.50", "32447.20 EUR"). Identifiers are not words:
rule ids (FEC-3A-CONTRACT), file names and paths (rooms.csv,
documents/W0001/...), column and code names with an underscore or a
hyphen between lower-case parts (housing_deduction, rental-agreement),
and anything in <code>. "of" is a Dutch word (or, whether) and is not in
the list. Exit 0 when nothing is found, 1 with every hit listed (file,
line, the word and its context), 2 on a usage error.
"""
import html.parser
import re
import sys

ENGLISH = [
    "the", "and", "with", "without", "at least", "at most", "missing",
    "none", "not given", "deducted", "allowed", "residents", "persons",
    "person", "beds", "worker", "workers", "period", "periods", "expected",
    "observed", "below", "above", "than", "hours", "days", "tool",
    "default", "valid", "until", "agreement", "deduction", "housing",
    "wage", "yes", "found", "per person", "over by", "major", "minor",
    "observation", "fail", "pass", "review", "needs", "should", "must",
    "which", "where", "when", "this", "that", "from", "into", "only",
    "every", "each", "rule", "rules", "location", "room", "rooms",
    "bedroom", "evidence", "deviation", "deviations", "repair", "owed",
]

WORD = re.compile(r"\b(" + "|".join(re.escape(w) for w in
                                    sorted(ENGLISH, key=len, reverse=True))
                  + r")\b", re.IGNORECASE)
# money or a quantity with a decimal point: 1870.00, € 12.50, 12.5 m²
POINT_MONEY = re.compile(
    r"(€\s?-?[\d,]*\d\.\d{2}\b|\b\d[\d,]*\.\d{2}\s?EUR\b|"
    r"\b\d+\.\d+\s?(m²|m2)\b)")
IDENT = re.compile(
    r"\b[a-z]+ \d{4}\.\d+(?:\.\d+)?\b"            # a rule set: evidence 2026.2
    r"|[A-Z][A-Z0-9]*(?:[-.][A-Z0-9]+)+"       # rule ids, PKS-36-...
    r"|[\w./-]*\w\.(?:csv|pdf|xml|zip|jpg|png|txt|json|html)\b"
    r"|\b[a-z0-9]+(?:[_-][a-z0-9]+)+\b"       # housing_deduction
    r"|\b[a-z0-9_]+(?:\.[a-z0-9_]+)+\b"       # a parameter: fec.wgv.from
    r"|\b\w+/\S+"                              # paths and subjects
    r"|'[^'\n]{1,80}'"                          # quoted values from data
)


class Text(html.parser.HTMLParser):
    """The text of an HTML page, line by line, without code, script, style."""

    SKIP = {"script", "style", "code"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        if tag in ("br", "p", "tr", "li", "div", "h1", "h2", "h3", "td",
                   "th", "summary", "section", "table"):
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def lines_of(path):
    with open(path, encoding="utf-8") as f:
        data = f.read()
    if path.endswith(".html"):
        p = Text()
        p.feed(data)
        data = "".join(p.out)
    return data.split("\n")


def scan(path):
    hits = []
    for n, line in enumerate(lines_of(path), 1):
        money = [m.group(0) for m in POINT_MONEY.finditer(line)]
        plain = IDENT.sub(" ", line)
        for m in WORD.finditer(plain):
            s = max(0, m.start() - 30)
            hits.append("%s:%d: English '%s': ...%s..." %
                        (path, n, m.group(0), plain[s:m.end() + 30].strip()))
        for m in money:
            hits.append("%s:%d: amount with a decimal point '%s'" %
                        (path, n, m))
    return hits


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().split("\n")[2], file=sys.stderr)
        return 2
    hits = []
    for path in argv[1:]:
        hits += scan(path)
    for h in hits:
        print(h)
    print("nl-scan: %d report(s), %d hit(s)" % (len(argv) - 1, len(hits)))
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
