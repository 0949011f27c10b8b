#!/usr/bin/python3
"""The HTML report's filters in a real browser: headless Chromium driven
by Selenium (Debian: python3-selenium, chromium-driver).

usage: tests/html/filters.py REPORT.html REPORT.json

REPORT.json is the JSON report of the same run. The numbers the page must
show are counted here from it, the way norms.md 11.5 counts: a deviation
is one requirement not met, one rule and for a housing rule (scope
location or room, read from the rule files) one location; a review item
is one question about one unit of work (the check's review_unit, else
the worker for rules about workers, documents and pay periods, else the
subject). Then, on the page opened from file://:

  - with the script: every requirement and review item shown, the
    filters visible; outcome "fail" hides every review item and keeps
    every requirement; class A shows the A-deviations only, class B the
    B-deviations only; a location shows the requirements about it; the
    search box narrows to one rule id; "print all" clears the filters
    and unfolds everything before it prints;
  - without the script: the filters stay hidden, everything is shown;
  - laid out as printed (A4, print media): no table heading overflows
    its column (a word would have to be broken) or holds a soft hyphen.

Exit 0 when all pass, 1 when one fails, 2 on a usage error.
"""
import json
import sys
import time
import xml.etree.ElementTree as ET

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

HOUSING = ("location", "room")
ABOUT_WORKERS = ("worker", "document", "pay-period")
failures = []


def check(ok, what):
    print("filters: %s: %s" % ("ok" if ok else "FAIL", what))
    if not ok:
        failures.append(what)


def rule_scopes(report):
    """Rule id -> scope, from the rule files the report names."""
    scopes = {}
    for rs in report["cover"]["rule_sets"]:
        for el in ET.parse(rs["path"]).getroot().iter():
            if el.tag.split("}")[-1] == "rule" and el.get("scope"):
                scopes[el.get("id")] = el.get("scope")
    return scopes


def location_of(f, scope):
    if scope == "location":
        return f["subject"]
    return f["facts"].get("location_id") or f["facts"].get("location")


def expected(report):
    scopes = rule_scopes(report)
    findings = {f["key"]: f for s in report["sections"]
                for f in s["findings"]}
    reqs = {}
    for key in report["deviations"]:
        f = findings[key]
        scope = scopes[f["rule"]]
        obj = location_of(f, scope) if scope in HOUSING else None
        if scope == "room" and obj is None:
            obj = f["subject"]
        r = reqs.setdefault((f["rule"], obj), {
            "rule": f["rule"], "severity": f["severity"],
            "locations": set(), "findings": []})
        r["findings"].append(f)
        for loc in (obj, location_of(f, scope)):
            if loc:
                r["locations"].add(loc)
    items = set()
    for f in findings.values():
        if f["outcome"] != "review":
            continue
        scope = scopes[f["rule"]]
        unit = f["facts"].get("review_unit")
        if not unit:
            unit = (f["subject"].split("/")[0] if scope in ABOUT_WORKERS
                    else f["subject"])
        q = f["question"]
        items.add((f["rule"], unit, q.get("en"), q.get("nl")))
    obs = {f["rule"] for f in findings.values()
           if f["outcome"] == "fail" and f["severity"] == "observation"}
    return list(reqs.values()), items, obs


def shown(driver, css):
    """Elements matching css that the page lays out (a table's rows
    too, which Selenium's is_displayed does not judge well)."""
    return driver.execute_script(
        "return Array.prototype.filter.call(document.querySelectorAll("
        "arguments[0]),function(e){return e.getClientRects().length>0;})"
        ".length;", css)


def browser(javascript):
    opt = webdriver.ChromeOptions()
    opt.binary_location = "/usr/bin/chromium"
    for a in ("--headless", "--no-sandbox", "--disable-gpu",
              "--window-size=1280,800", "--host-resolver-rules=MAP * "
              "~NOTFOUND", "--proxy-server=127.0.0.1:9"):
        opt.add_argument(a)
    if not javascript:
        opt.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings."
                      "javascript": 2})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"),
                            options=opt)


def choose(driver, sel_id, value):
    Select(driver.find_element(By.ID, sel_id)).select_by_value(value)


def clear(driver):
    driver.find_element(By.ID, "f-reset").click()


def with_script(driver, url, reqs, items, obs):
    driver.get(url)
    n_a = sum(1 for r in reqs if r["severity"] == "major")
    n_b = sum(1 for r in reqs if r["severity"] == "minor")
    check(driver.find_element(By.ID, "filters").is_displayed(),
          "the filters are shown when the script runs")
    check(shown(driver, ".req") == len(reqs),
          "%d requirement blocks shown (JSON: %d)"
          % (shown(driver, ".req"), len(reqs)))
    check(shown(driver, ".rev") == len(items),
          "%d review items shown (JSON: %d)"
          % (shown(driver, ".rev"), len(items)))

    choose(driver, "f-o", "fail")
    check(shown(driver, ".rev") == 0, "outcome fail hides every review "
          "item (%d shown)" % shown(driver, ".rev"))
    check(shown(driver, ".req") == len(reqs),
          "outcome fail keeps the %d requirements" % len(reqs))
    check(shown(driver, "tbody.obs") == len(obs),
          "outcome fail keeps the observations of %d rules" % len(obs))
    clear(driver)

    choose(driver, "f-c", "a")
    check(shown(driver, ".req") == n_a and
          shown(driver, ".req[data-c=b]") == 0,
          "class A: %d A-deviations shown (JSON: %d), no B"
          % (shown(driver, ".req"), n_a))
    choose(driver, "f-c", "b")
    check(shown(driver, ".req") == n_b and
          shown(driver, ".req[data-c=a]") == 0,
          "class B: %d B-deviations shown (JSON: %d), no A"
          % (shown(driver, ".req"), n_b))
    clear(driver)

    locs = sorted({l for r in reqs for l in r["locations"]})
    if locs:
        loc = locs[0]
        sel = Select(driver.find_element(By.ID, "f-l"))
        sel.select_by_visible_text(loc)
        want = sum(1 for r in reqs if loc in r["locations"])
        check(shown(driver, ".req") == want,
              "location %s: %d requirements shown (JSON: %d)"
              % (loc, shown(driver, ".req"), want))
        clear(driver)

    # a rule id whose blocks name no other rule: the search finds its own
    rule = next((r["rule"] for r in reqs
                 if sum(r["rule"] in x["rule"] for x in reqs) ==
                 sum(1 for x in reqs if x["rule"] == r["rule"]) and
                 not any(r["rule"] in json.dumps(f)
                         for x in reqs if x["rule"] != r["rule"]
                         for f in x["findings"])), None)
    want = sum(1 for r in reqs if r["rule"] == rule)
    box = driver.find_element(By.ID, "f-q")
    box.send_keys(rule.lower())
    time.sleep(0.5)  # the search waits for typing to pause
    check(shown(driver, ".req") == want,
          "search '%s': %d requirement blocks shown (JSON: %d)"
          % (rule.lower(), shown(driver, ".req"), want))
    check(all(rule in e.text for e in
              driver.find_elements(By.CSS_SELECTOR, ".req")
              if e.is_displayed()),
          "each block the search shows names %s" % rule)
    clear(driver)

    choose(driver, "f-c", "b")
    driver.execute_script(
        "window.print=function(){window.closedAtPrint=document."
        "querySelectorAll('details:not([open])').length;"
        "window.reqAtPrint=Array.prototype.filter.call(document."
        "querySelectorAll('.req'),function(e){return e.offsetParent;})"
        ".length;};")
    driver.find_element(By.ID, "f-print").click()
    closed = driver.execute_script("return window.closedAtPrint;")
    at_print = driver.execute_script("return window.reqAtPrint;")
    check(closed == 0 and at_print == len(reqs),
          "print all: filters cleared (%s of %d requirements), every "
          "fold open (%s closed) when it prints"
          % (at_print, len(reqs), closed))


def without_script(driver, url, reqs, items):
    driver.get(url)
    check(not driver.find_element(By.ID, "filters").is_displayed(),
          "without the script the filters stay hidden")
    check(shown(driver, ".req") == len(reqs) and
          shown(driver, ".rev") == len(items),
          "without the script every block is shown: %d requirements, "
          "%d review items" % (shown(driver, ".req"),
                               shown(driver, ".rev")))


def headings(driver, url):
    """Laid out as on A4 paper: 210 mm less 2 x 12 mm of margin."""
    driver.get(url)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 703, "height": 1000, "deviceScaleFactor": 1,
        "mobile": False})
    driver.execute_script("var d=document.querySelectorAll('details');"
                          "for(var i=0;i<d.length;i++)d[i].open=true;")
    bad = driver.execute_script(
        "var out=[],th=document.querySelectorAll('th');"
        "for(var i=0;i<th.length;i++){var t=th[i];"
        "if(!t.offsetParent)continue;"
        "if(t.scrollWidth>t.clientWidth+1||t.textContent.indexOf("
        "'\\u00ad')>=0)out.push(t.textContent);}"
        "return out;")
    check(not bad, "no table heading breaks a word on A4%s"
          % (": " + ", ".join(sorted(set(bad))) if bad else ""))


def main():
    if len(sys.argv) != 3:
        print("usage: tests/html/filters.py REPORT.html REPORT.json",
              file=sys.stderr)
        return 2
    t0 = time.time()
    with open(sys.argv[2], encoding="utf-8") as f:
        report = json.load(f)
    reqs, items, obs = expected(report)
    url = "file://" + __import__("os").path.abspath(sys.argv[1])
    try:
        driver = browser(True)
        try:
            with_script(driver, url, reqs, items, obs)
            headings(driver, url)
        finally:
            driver.quit()
        driver = browser(False)
        try:
            without_script(driver, url, reqs, items)
        finally:
            driver.quit()
    except WebDriverException as e:
        print("filters: FAIL: the browser: %s" % e.msg, file=sys.stderr)
        return 1
    print("filters: %s: %d checks failed, %.1f s"
          % (sys.argv[1], len(failures), time.time() - t0))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
