#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The portal end to end in a real browser: headless Chromium driven by
Selenium (Debian: chromium, chromium-driver, python3-selenium) against a
`flexaudit serve` started here (server.py), every step through the pages
as a user clicks and types:

 1. the administrator signs in, adds the demo member's organisation, a
    member user of it and an inspector, and assigns the inspector to it;
 2. the member signs in, uploads demo.zip through the file input, waits
    while the upload page refreshes itself, sees the verdict and opens
    the self-assessment report; uploads bad_date.zip and sees the
    problem its README describes, located at its file, line and field;
 3. the inspector signs in, opens the member and the upload, starts the
    inspection, waits, judges two review items (each judgement shown
    after), waives a deviation (the verdict "with the waivers" shown
    after) and issues the report;
 4. the member opens the upload page again, follows the link to the
    issued report, and the SHA-256 the page states is that of the bytes
    served (fetched with the member's session cookie from the browser).

The whole flow runs twice, on a fresh server each time: in English, then
with the member switching the header to "Nederlands" (the inspector then
works in Dutch too: the language is the browser's cookie). Every sign-in
is typed with Tab and Enter only; every page met is checked for form
controls without a label. The values looked for come from the inputs:
the names typed here, the package's manifest, the fixture's broken cell.
A full-page PNG (1280 wide) of each step goes to BUILD_DIR/serve/.

usage: python3 tests/serve/flow.py BUILD_DIR
Exit 0 when all pass, 1 when a check fails, 2 on a usage error."""

import datetime
import hashlib
import os
import re
import sys
import time
import traceback
import urllib.request
import zipfile
import xml.etree.ElementTree as ET

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.support.ui import Select

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server import ADMIN, Server  # noqa: E402

if len(sys.argv) != 2:
    sys.stderr.write("usage: flow.py BUILD_DIR\n")
    sys.exit(2)
B = sys.argv[1]
FLEXAUDIT = os.path.abspath(os.path.join(B, "flexaudit"))
DEMO = os.path.abspath(os.path.join(B, "packages", "demo.zip"))
BAD = os.path.abspath(os.path.join(B, "packages", "bad_date.zip"))
SHOTS = os.path.join(B, "serve")
NS = "{urn:flexaudit:evidence-package:1}"
WAIT = 60  # seconds an audit may take before the test gives up
# The tallest screenshot, in pixels: the review page of the demo runs to
# 23,000, and the time to encode a PNG grows with its height (a second
# for 12,000); a taller page is shown from the part the step is about.
SHOT_HEIGHT = 5000

MEMBER = ("lid-voorbeeld", "member-password-1")
INSPECTOR = ("inspecteur-jansen", "inspector-password-1")

# The words the pages must show, per language, as the portal's pages are
# specified to say them (src/lib/serve/page_*.c, docs to come).
WORDS = {
    "en": {
        "admin": "Administration", "add_org": "Add the organisation",
        "add_user": "Add the user", "assign": "Assign", "saved": "Saved.",
        "member": "member", "inspector": "inspector", "none": "none",
        "uploads": "Evidence packages", "upload": "Upload",
        "self": "Self-assessment", "self_report": "Self-assessment report",
        "verdict": "Verdict", "problems": "Problems to fix",
        "members": "Your members", "start": "Start the inspection",
        "review_link": "Review, judge and issue",
        "review": "Review of inspection run", "to_review": "To review",
        "deviations": "Deviations per requirement", "judge": "Judge",
        "record": "Record", "why": "Why",
        "package": "Evidence package (zip)", "waive": "Waive",
        "reason": "Reason",
        "basis": "Basis (decision, letter)", "until": "Valid until",
        "record_waiver": "Record the waiver",
        "with_waivers": "with the waivers", "waived": "waived",
        "issue": "Issue", "issued_link": "The inspection report",
        "sign_out": "Sign out", "sign_in": "Sign in",
        "verdicts": ("positive", "positive with B-deviations",
                     "negative (A-deviations)", "incomplete"),
        "judged": ("in order", "not applicable"),
        "judgements": "Judgements recorded",
        "verdict_now": "Verdict with the judgements",
    },
    "nl": {
        "admin": "Beheer", "add_org": "Organisatie toevoegen",
        "add_user": "Gebruiker toevoegen", "assign": "Toewijzen",
        "saved": "Opgeslagen.", "member": "lid",
        "inspector": "inspecteur", "none": "geen",
        "uploads": "Bewijspakketten", "upload": "Uploaden",
        "self": "Zelfevaluatie",
        "self_report": "Rapport van de zelfevaluatie",
        "verdict": "Oordeel", "problems": "Op te lossen problemen",
        "members": "Uw leden", "start": "Start de inspectie",
        "review_link": "Beoordelen en uitbrengen",
        "review": "Beoordeling van inspectierun",
        "to_review": "Te beoordelen",
        "deviations": "Afwijkingen per eis", "judge": "Beoordelen",
        "record": "Vastleggen", "why": "Waarom",
        "package": "Bewijspakket (zip)", "waive": "Ontheffing verlenen",
        "reason": "Reden", "basis": "Grondslag (besluit, brief)",
        "until": "Geldig tot en met",
        "record_waiver": "Ontheffing vastleggen",
        "with_waivers": "met de ontheffingen", "waived": "ontheven",
        "issue": "Uitbrengen", "issued_link": "Het inspectierapport",
        "sign_out": "Afmelden", "sign_in": "Aanmelden",
        "verdicts": ("positief", "positief met B-afwijkingen",
                     "negatief (A-afwijkingen)", "onvolledig"),
        "judged": ("in orde", "niet van toepassing"),
        "judgements": "Vastgelegde beoordelingen",
        "verdict_now": "Oordeel met de beoordelingen",
    },
}

fails = []


def check(ok, what):
    if not ok:
        fails.append(what)
        print("FAIL flow: " + what)
    return ok


class Stop(Exception):
    """A step failed so that the rest of the flow cannot follow."""


def must(ok, what):
    if not check(ok, what):
        raise Stop(what)


# ---- what the inputs say ---------------------------------------------------

def manifest(path):
    """The member's name and KvK and the audit date (the period's end,
    docs/evidence-package.md) from a package's manifest.xml."""
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("manifest.xml"))
    return (root.find(NS + "member/" + NS + "name").text,
            root.find(NS + "member/" + NS + "kvk").text,
            root.find(NS + "audit-period").get("to"))


def broken_cell(path, bad="31-02-2025"):
    """file:line:field of the cell the fixture's README calls broken,
    found in the package's workers.csv (line and field from 1)."""
    with zipfile.ZipFile(path) as z:
        text = z.read("workers.csv").decode("latin-1")
    for n, line in enumerate(text.splitlines(), 1):
        fields = line.split(";")
        if bad in fields:
            return "workers.csv:%d:%d" % (n, fields.index(bad) + 1)
    raise AssertionError("bad_date.zip: no cell %s" % bad)


def sha256_file(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


# ---- the browser ---------------------------------------------------------

def browser():
    opt = webdriver.ChromeOptions()
    opt.binary_location = "/usr/bin/chromium"
    # Every host name resolves to nothing and a dead proxy stands in for
    # the rest, so only the server on the loopback address answers.
    for a in ("--headless", "--no-sandbox", "--disable-gpu",
              "--window-size=1280,800", "--lang=en-US",
              "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
              "--proxy-server=127.0.0.1:9",
              "--proxy-bypass-list=127.0.0.1"):
        opt.add_argument(a)
    opt.add_experimental_option("prefs", {"intl.accept_languages": "en-US"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"),
                            options=opt)


UNLABELLED = """
return Array.prototype.filter.call(
  document.querySelectorAll('input,select,textarea'), function (e) {
    if (e.type === 'hidden') return false;
    if (e.getAttribute('aria-label') || e.getAttribute('aria-labelledby'))
      return false;
    if (e.closest('label')) return false;
    return !(e.id && document.querySelector('label[for="' + e.id + '"]'));
  }).map(function (e) { return e.outerHTML.slice(0, 120); });
"""


class Flow:
    def __init__(self, driver, port, lang):
        self.d = driver
        self.base = "http://127.0.0.1:%d" % port
        self.lang = "en"  # the browser starts in English
        self.final = lang  # the language the member switches to
        self.prefix = "" if lang == "en" else lang + "-"
        self.n = 0
        self.step_t = time.time()
        self.fails = len(fails)

    @property
    def w(self):
        return WORDS[self.lang]

    def step(self, name, what, focus=None):
        """One line and one screenshot per step: the whole page, 1280
        wide, up to SHOT_HEIGHT; a taller page from focus (an element)
        down, if given, else from its top."""
        self.n += 1
        path = os.path.join(SHOTS, "%s%02d-%s.png" % (self.prefix, self.n,
                                                      name))
        h, chrome = self.d.execute_script(
            "return [Math.max(document.documentElement.scrollHeight,"
            "document.body ? document.body.scrollHeight : 0),"
            "window.outerHeight - window.innerHeight];")
        self.d.set_window_size(1280, min(int(h), SHOT_HEIGHT) + int(chrome))
        if focus is not None and h > SHOT_HEIGHT:
            self.d.execute_script(
                "window.scrollTo(0, arguments[0].getBoundingClientRect()"
                ".top + window.scrollY - 16);", focus)
        self.d.save_screenshot(path)
        self.d.set_window_size(1280, 800)
        print("%-4s %-2s %02d %-13s %4.1f s  %s" % (
            "ok" if len(fails) == self.fails else "FAIL", self.final,
            self.n, name, time.time() - self.step_t, what))
        self.step_t = time.time()
        self.fails = len(fails)

    # -- page helpers --

    def labelled(self):
        bad = self.d.execute_script(UNLABELLED)
        check(not bad, "%s: form controls without a label: %s"
              % (self.d.current_url, bad))

    def text(self):
        return self.d.find_element(By.TAG_NAME, "body").text

    def h1(self):
        return self.d.find_element(By.TAG_NAME, "h1").text

    def rows(self):
        """The cells' text of every table's rows, a list per row."""
        return self.d.execute_script(
            "return Array.prototype.map.call(document.querySelectorAll("
            "'tbody tr'), function (r) { return Array.prototype.map.call("
            "r.cells, function (c) { return c.innerText.trim(); }); });")

    def path(self):
        return self.d.current_url[len(self.base):]

    def navigating(self, el):
        """Click el and wait until the next page has replaced this one
        (a mark left in this page's window object is gone) and loaded.
        While the pages change over, the driver may fail to find either;
        that is waited out."""
        self.d.execute_script("window.faOld = 1;")
        el.click()
        t0 = time.time()
        while time.time() - t0 < 30:
            try:
                if self.d.execute_script(
                        "return !window.faOld && "
                        "document.readyState === 'complete';"):
                    self.labelled()
                    return
            except WebDriverException:
                pass
            time.sleep(0.05)
        raise Stop("%s: the next page did not come" % self.d.current_url)

    def click_link(self, text, within=None):
        self.navigating((within or self.d).find_element(By.LINK_TEXT, text))

    def click_button(self, text, within=None):
        """The button of that text (in within, else the page): one."""
        b = (within or self.d).find_elements(
            By.XPATH, ".//button[normalize-space(.)='%s']" % text)
        must(len(b) == 1, "%s: %d buttons '%s'" % (self.d.current_url,
                                                  len(b), text))
        self.navigating(b[0])

    def field(self, label, within=None):
        """The form control a label names (its text starts so): the one
        its for= names or the one inside it; one label only."""
        lab = (within or self.d).find_elements(
            By.XPATH, ".//label[starts-with(normalize-space(.), '%s')]"
            % label)
        must(len(lab) == 1, "%s: %d labels '%s'" % (self.d.current_url,
                                                   len(lab), label))
        f = lab[0].get_attribute("for")
        if f:
            return self.d.find_element(By.ID, f)
        return lab[0].find_element(By.CSS_SELECTOR, "input,select,textarea")

    def open_details(self, summary, within):
        """Open the <details> whose summary says so (one, in within):
        its form."""
        s = within.find_elements(
            By.XPATH, ".//details/summary[normalize-space(.)='%s']"
            % summary)
        must(len(s) == 1, "%s: %d '%s' to open" % (self.d.current_url,
                                                  len(s), summary))
        s[0].click()
        return s[0].find_element(By.XPATH, "../form")

    def type_in(self, label, value, within=None):
        f = self.field(label, within)
        f.clear()
        f.send_keys(value)

    def choose(self, label, visible, within=None):
        Select(self.field(label, within)).select_by_visible_text(visible)

    def wait_done(self):
        """Wait while the page refreshes itself (an audit at work)."""
        t0 = time.time()
        while time.time() - t0 < WAIT:
            try:
                busy = self.d.find_elements(
                    By.CSS_SELECTOR, 'meta[http-equiv="refresh"]')
                ready = self.d.execute_script(
                    "return document.readyState") == "complete"
                if ready and not busy:
                    self.labelled()
                    return
            except WebDriverException:
                pass  # the page was being replaced
            time.sleep(0.2)
        raise Stop("%s: still working after %d s" % (self.d.current_url,
                                                     WAIT))

    # -- signing in and out --

    def sign_in(self, login, password):
        """With the keyboard only: Tab to the login name, type, Tab,
        type, Enter."""
        self.d.get(self.base + "/login")
        self.labelled()
        check(self.h1() == self.w["sign_in"], "sign-in page: heading '%s'"
              % self.h1())
        keys = ActionChains(self.d)
        for _ in range(10):
            if self.d.switch_to.active_element.get_attribute("id") == \
                    "login":
                break
            keys.send_keys(Keys.TAB).perform()
        must(self.d.switch_to.active_element.get_attribute("id") ==
             "login", "sign-in: Tab does not reach the login name")
        ActionChains(self.d).send_keys(login).send_keys(Keys.TAB).perform()
        must(self.d.switch_to.active_element.get_attribute("id") ==
             "password", "sign-in: Tab from the login name does not "
             "reach the password")
        ActionChains(self.d).send_keys(password).send_keys(
            Keys.ENTER).perform()
        t0 = time.time()
        while self.path().startswith("/login") and time.time() - t0 < 10:
            time.sleep(0.05)
        must(not self.path().startswith("/login"),
             "sign-in as %s: still on %s" % (login, self.path()))
        check(login in self.d.find_element(By.TAG_NAME, "header").text,
              "sign-in as %s: the header does not name the user" % login)
        self.labelled()

    def sign_out(self):
        self.d.get(self.base + "/")
        header = self.d.find_element(By.TAG_NAME, "header")
        self.click_button(self.w["sign_out"], header)
        must(self.path() == "/login", "sign-out: on %s" % self.path())

    # -- 1. the administrator --

    def admin(self, org_name, kvk):
        w = self.w
        self.sign_in(*ADMIN)
        must(self.h1() == w["admin"], "admin: start page '%s'" % self.h1())
        self.type_in("Name", org_name)
        self.type_in("KvK number", kvk)
        self.click_button(w["add_org"])
        check(w["saved"] in self.text(), "add organisation: not saved")
        check([org_name, kvk] in self.rows(), "organisation %s not listed"
              % org_name)
        org = "%s (KvK %s)" % (org_name, kvk)
        for (login, password), role in ((MEMBER, "member"),
                                        (INSPECTOR, "inspector")):
            self.type_in("Login", login)
            self.choose("Role", w[role])
            self.choose("Organisation",
                        org if role == "member" else w["none"])
            self.type_in("Password", password)
            self.click_button(w["add_user"])
            check(w["saved"] in self.text(), "add user %s: not saved"
                  % login)
        rows = [r[:3] for r in self.rows()]
        check([MEMBER[0], w["member"], org_name] in rows,
              "member %s not listed with its organisation" % MEMBER[0])
        check([INSPECTOR[0], w["inspector"], ""] in rows,
              "inspector %s not listed" % INSPECTOR[0])
        self.choose("Inspector", INSPECTOR[0])
        self.choose("Member organisation", org)
        self.click_button(w["assign"])
        check(w["saved"] in self.text(), "assign: not saved")
        self.step("admin", "organisation %s, users %s and %s, assigned"
                  % (kvk, MEMBER[0], INSPECTOR[0]))
        self.sign_out()

    # -- 2. the member --

    def upload(self, path):
        w = self.w
        self.field(w["package"]).send_keys(path)
        self.click_button(w["upload"])
        m = re.match(r"^/uploads/(\d+)$", self.path())
        must(m is not None, "upload %s: on %s" % (path, self.path()))
        self.wait_done()
        return int(m.group(1))

    def member(self, org_name, kvk, bad_cell):
        self.sign_in(*MEMBER)
        must(self.path() == "/uploads", "member: start page %s"
             % self.path())
        check(self.h1() == WORDS["en"]["uploads"],
              "member: heading '%s'" % self.h1())
        check("%s (KvK %s)" % (org_name, kvk) in self.text(),
              "member: the page does not name the organisation")
        if self.final != "en":
            nav = self.d.find_element(By.CSS_SELECTOR, "header nav")
            self.click_link("Nederlands", nav)
            self.lang = self.final
            check(self.path() == "/uploads",
                  "language: back on %s, not /uploads" % self.path())
            check(self.h1() == WORDS["nl"]["uploads"],
                  "language: Dutch heading '%s', expected '%s'"
                  % (self.h1(), WORDS["nl"]["uploads"]))
            check(self.d.find_element(By.TAG_NAME, "html").get_attribute(
                "lang") == "nl", "language: html lang is not nl")
            self.step("dutch", "heading '%s'" % self.h1())
        w = self.w
        up = self.upload(DEMO)
        text = self.text()
        check(sha256_file(DEMO) in text,
              "upload %d: the SHA-256 of demo.zip is not shown" % up)
        m = re.search(r"%s: (.+?)\." % w["verdict"], text)
        check(m is not None and m.group(1).split(". ")[0] in w["verdicts"],
              "upload %d: no verdict line" % up)
        check(any(h.text == w["self"] for h in
                  self.d.find_elements(By.TAG_NAME, "h2")),
              "upload %d: no heading '%s'" % (up, w["self"]))
        self.step("audited", "upload %d: %s" % (up, m.group(0) if m
                                                else "no verdict"))
        self.click_link(w["self_report"])
        check(self.path() == "/uploads/%d/report" % up,
              "self-assessment report: on %s" % self.path())
        text = self.text()
        check(org_name in text and kvk in text,
              "self-assessment report: no organisation %s" % kvk)
        self.step("self-report", "the report of upload %d names %s"
                  % (up, org_name))
        self.d.back()
        self.navigating(self.d.find_element(By.CSS_SELECTOR,
                                            "header strong a"))
        must(self.path() == "/uploads", "home: on %s" % self.path())
        bad = self.upload(BAD)
        items = [li.text for li in self.d.find_elements(
            By.CSS_SELECTOR, "section.err li")]
        heads = [h.text for h in self.d.find_elements(By.TAG_NAME, "h2")]
        check(w["problems"] in heads, "upload %d: no '%s'"
              % (bad, w["problems"]))
        check(any(i.startswith(bad_cell + ":") for i in items),
              "upload %d: no problem at %s in %s" % (bad, bad_cell, items))
        self.step("problems", "upload %d: %s" % (bad, "; ".join(items)))
        self.sign_out()
        return up

    # -- 3. the inspector --

    def inspector(self, org_name, up, until):
        w = self.w
        self.sign_in(*INSPECTOR)
        check(self.h1() == w["members"], "inspector: heading '%s'"
              % self.h1())
        self.click_link(org_name)
        check(self.h1() == org_name, "member page: heading '%s'"
              % self.h1())
        self.click_link(str(up))
        must(self.path() == "/uploads/%d" % up, "upload: on %s"
             % self.path())
        self.step("inspector", "member %s, upload %d" % (org_name, up))
        self.click_button(w["start"])
        self.wait_done()
        self.click_link(w["review_link"])
        m = re.match(r"^/runs/(\d+)/review$", self.path())
        must(m is not None, "review: on %s" % self.path())
        run = int(m.group(1))
        check(self.h1() == "%s %d" % (w["review"], run),
              "review: heading '%s'" % self.h1())
        self.step("review", "inspection run %d" % run)
        # two review items: the first finding of each of the first two
        sec = self.d.find_elements(
            By.XPATH, "//h2[starts-with(., '%s')]/following-sibling::"
            "section" % w["to_review"])
        must(len(sec) >= 2, "review: fewer than two review items")
        keys = [s.find_element(By.CSS_SELECTOR, "tbody tr").find_element(
            By.NAME, "key").get_attribute("value") for s in sec[:2]]
        for i, (key, words) in enumerate(zip(keys, w["judged"])):
            row = self.d.find_element(
                By.XPATH, "//input[@name='key' and @value='%s']/"
                "ancestor::tr" % key)
            self.open_details(w["judge"], row)
            self.choose(w["verdict"], words, row)
            note = "Checked on site, item %d (%s)" % (i + 1, INSPECTOR[0])
            self.type_in(w["why"], note, row)
            self.click_button(w["record"], row)
            check(self.path() == "/runs/%d/review" % run,
                  "judge %s: on %s" % (key, self.path()))
            # in order or not applicable: no longer to review, and the
            # judgement listed with the run's judgements
            check(not self.d.find_elements(
                By.XPATH, "//input[@name='key' and @value='%s']" % key),
                "judged %s: still to review" % key)
            cells = [c.text for c in self.d.find_elements(
                By.XPATH, "//h2[starts-with(., '%s')]/following-sibling::"
                "table[1]//tr[td[1]='%s']/td" % (w["judgements"], key))]
            check(len(cells) == 4 and cells[1] == words and
                  cells[2] == note and
                  cells[3].startswith(INSPECTOR[0] + ", "),
                  "judgement of %s shown as %s" % (key, cells))
        self.step("judged", "%s in order, %s not applicable"
                  % tuple(keys), self.d.find_element(
                      By.XPATH, "//h2[starts-with(., '%s')]"
                      % w["judgements"]))
        # a waiver on the first requirement's deviations
        sec = self.d.find_element(
            By.XPATH, "//h2[starts-with(., '%s')]/following-sibling::"
            "section[1]" % w["deviations"])
        req = sec.find_element(By.TAG_NAME, "h3").text
        form = self.open_details(w["waive"], sec)
        self.type_in(w["reason"], "Repair works under way", form)
        self.type_in(w["basis"], "Letter of the municipality", form)
        self.type_date(self.field(w["until"], form), until)
        self.click_button(w["record_waiver"], form)
        check(self.path() == "/runs/%d/review" % run, "waive: on %s"
              % self.path())
        line = self.d.find_element(
            By.XPATH, "//main/p[starts-with(., '%s')]"
            % w["verdict_now"]).text
        check(w["with_waivers"] in line,
              "waiver: no '%s' in '%s'" % (w["with_waivers"], line))
        sec = self.d.find_element(
            By.XPATH, "//h3[.='%s']/parent::section" % req)
        check(w["waived"] in sec.text, "waiver: %s not shown %s"
              % (req, w["waived"]))
        self.step("waived", "%s waived until %s: %s" % (
            req.split()[0], until, line))
        box = self.d.find_element(By.NAME, "confirm")
        box.find_element(By.XPATH, "ancestor::label").click()  # its text
        check(box.is_selected(), "issue: the box is not ticked")
        form = box.find_element(By.XPATH, "ancestor::form")
        self.click_button(w["issue"], form)
        check(self.path() == "/runs/%d/issued" % run, "issue: on %s"
              % self.path())
        check(org_name in self.text(), "issued report: no %s" % org_name)
        check(self.d.find_element(By.TAG_NAME, "html").get_attribute(
            "lang") == self.lang, "issued report: not in %s" % self.lang)
        self.step("issued", "run %d issued" % run)
        self.sign_out()
        return run

    def type_date(self, el, iso):
        """A date as a user types it into Chromium's date field in an
        en-US browser: month, day, year; the field's value must be iso."""
        y, m, d = iso.split("-")
        el.send_keys(m + d + y)
        check(el.get_attribute("value") == iso, "date field holds '%s', "
              "typed %s" % (el.get_attribute("value"), iso))

    # -- 4. the member again --

    def issued(self, up, run):
        w = self.w
        self.sign_in(*MEMBER)
        self.click_link(str(up))
        must(self.path() == "/uploads/%d" % up, "upload: on %s"
             % self.path())
        link = self.d.find_element(By.LINK_TEXT, w["issued_link"])
        para = link.find_element(By.XPATH, "..")
        sha = para.find_element(By.TAG_NAME, "code").text
        check(re.fullmatch(r"[0-9a-f]{64}", sha) is not None,
              "upload page: SHA-256 '%s'" % sha)
        self.step("member-again", "upload %d: issued report, SHA-256 %s"
                  % (up, sha[:16]))
        self.navigating(link)
        check(self.path() == "/runs/%d/issued" % run,
              "issued link: on %s" % self.path())
        check(w["verdict"].lower() in self.text().lower(),
              "issued report: no verdict")
        cookie = self.d.get_cookie("fa_session")
        must(cookie is not None, "no session cookie in the browser")
        req = urllib.request.Request(
            self.base + "/runs/%d/issued" % run,
            headers={"Cookie": "fa_session=" + cookie["value"]})
        with urllib.request.urlopen(req, timeout=30) as r:
            body = r.read()
            status = r.status
        got = hashlib.sha256(body).hexdigest()
        check(status == 200 and got == sha,
              "issued bytes: status %d, sha256 %s, page says %s"
              % (status, got, sha))
        self.step("member-issued", "sha256 of %d bytes served = %s"
                  % (len(body), "page's" if got == sha else got))


def run(lang, org_name, kvk, bad_cell, until):
    with Server(FLEXAUDIT) as srv:
        driver = browser()
        try:
            f = Flow(driver, srv.port, lang)
            try:
                f.admin(org_name, kvk)
                up = f.member(org_name, kvk, bad_cell)
                run_id = f.inspector(org_name, up, until)
                f.issued(up, run_id)
            except Stop:
                pass
            except WebDriverException as e:
                where = traceback.extract_tb(e.__traceback__)
                check(False, "%s: %s: %s (flow.py:%s)" % (
                    driver.current_url, type(e).__name__,
                    str(e).splitlines()[0],
                    ",".join(str(f.lineno) for f in where
                             if f.filename == __file__)))
        finally:
            driver.quit()


def main():
    os.makedirs(SHOTS, exist_ok=True)
    org_name, kvk, audit_date = manifest(DEMO)
    check((org_name, kvk) == ("Voorbeeld Uitzendgroep B.V.", "90412376"),
          "demo.zip: member %s %s" % (org_name, kvk))
    bad_cell = broken_cell(BAD)
    d = datetime.date.fromisoformat(audit_date)
    until = d.replace(year=d.year + 1).isoformat()
    t0 = time.time()
    for lang in ("en", "nl"):
        run(lang, org_name, kvk, bad_cell, until)
    print("serve flow: %s in %.0f s, screenshots in %s" % (
        "%d failed" % len(fails) if fails else "all passed",
        time.time() - t0, SHOTS))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
