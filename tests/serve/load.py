# SPDX-License-Identifier: MIT
"""Load on a real `flexaudit serve` on a loopback port: many members at
once, browsing and uploading, everything timed (docs/serve-capacity.md).

Setup (not timed into the load): an organisation with the demo package's
KvK number (its manifest.xml) whose members upload demo.zip, and a second
organisation whose members only browse; each client signs in as one of
the members (several clients share a member, each with its own session).
Before the load, demo.zip is uploaded and audited --seed-audits times one
after another on the idle server: the time of one audit.

The load: --clients threads for --seconds, each without pause (or with
--think seconds on average between requests):
  GET /uploads, GET /uploads/N (one of its organisation's uploads),
  GET /uploads/N/report (an audited upload's HTML report; uploaders
  only), GET /style.css; an uploader posts demo.zip every --upload-every
  seconds (its first at a random moment of the first period).
Each request is ok (the expected status), busy (503: the audit queue is
full, an answer the portal gives on purpose) or an error (any other
status, a connection refused or reset, a timeout). Sampled every
--sample seconds from /proc: the server's peak resident memory (VmHWM),
its resident memory (VmRSS) and threads; from the store (read only):
the uploads by state, for the audits finished per minute. After the
load the queue is drained (at most --drain seconds) and the server
stopped with SIGTERM: it must exit 0.

Fails (exit 1) on any error, a server that died or did not stop, a peak
RSS above --rss-limit-mib, a p95 of a page GET above --p95-limit, or of
the report GET above --report-p95-limit (reports are made at most
FA_SERVE_RENDERS_MAX at once: with clients that never pause they queue).

usage: python3 tests/serve/load.py [BUILD_DIR] [--clients N] [--seconds S]
       [--workers N] [--upload-every S] [--think S] [--browse-only F]"""

import argparse
import http.client
import os
import random
import re
import sqlite3
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from portal import Client, upload_id  # noqa: E402
from server import ADMIN, Server  # noqa: E402

KVK_UP = "90412376"  # demo.zip's member (its manifest.xml)
KVK_BROWSE = "12345678"
PW = "a-long-password-%s"
GETS = ("GET /uploads", "GET /uploads/N", "GET /uploads/N/report",
        "GET /style.css")
# The pages held to --p95-limit; the report (1.4 MB of HTML made from the
# stored run, at most FA_SERVE_RENDERS_MAX at once) to --report-p95-limit.
PAGES = ("GET /uploads", "GET /uploads/N", "GET /style.css")


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("build", nargs="?", default="build")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--workers", type=int, default=1,
                    help="the server's --workers")
    ap.add_argument("--upload-every", type=float, default=20,
                    help="seconds between an uploader's uploads (0: none)")
    ap.add_argument("--think", type=float, default=0,
                    help="mean pause between a client's requests, s")
    ap.add_argument("--browse-only", type=float, default=0.2,
                    help="share of clients that only browse")
    ap.add_argument("--no-browse", action="store_true",
                    help="uploaders only upload (audit throughput)")
    ap.add_argument("--users", type=int, default=5,
                    help="members per organisation")
    ap.add_argument("--seed-audits", type=int, default=3)
    ap.add_argument("--sample", type=float, default=0.25)
    ap.add_argument("--drain", type=float, default=300)
    ap.add_argument("--rss-limit-mib", type=float, default=1024)
    ap.add_argument("--p95-limit", type=float, default=2.0,
                    help="p95 of a page GET, s")
    ap.add_argument("--report-p95-limit", type=float, default=30.0,
                    help="p95 of a report GET, s")
    return ap.parse_args()


class Stats:
    """Latencies and outcomes per request kind (thread-safe)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.kinds = {}
        self.errors = []

    def add(self, kind, seconds, outcome, what=None):
        with self.lock:
            k = self.kinds.setdefault(kind, {"lat": [], "ok": 0,
                                             "busy": 0, "err": 0})
            k["lat"].append(seconds)
            k[outcome] += 1
            if outcome == "err" and len(self.errors) < 20:
                self.errors.append("%s: %s" % (kind, what))


def pct(sorted_lat, p):
    """The p-th percentile, nearest rank."""
    if not sorted_lat:
        return 0.0
    i = max(0, min(len(sorted_lat) - 1,
                   int(round(p / 100.0 * len(sorted_lat) + 0.5)) - 1))
    return sorted_lat[i]


def proc_status(pid):
    out = {}
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                k, _, v = line.partition(":")
                if k in ("VmHWM", "VmRSS", "Threads"):
                    out[k] = int(v.split()[0])
    except OSError:
        pass
    return out


def upload_states(store):
    db = sqlite3.connect("file:%s?mode=ro" % store, uri=True, timeout=10)
    try:
        return dict(db.execute(
            "SELECT state, count(*) FROM uploads GROUP BY state"))
    finally:
        db.close()


class Sampler(threading.Thread):
    def __init__(self, srv, every):
        super().__init__(daemon=True)
        self.srv = srv
        self.every = every
        self.stop = threading.Event()
        self.peak_hwm = 0
        self.peak_threads = 0
        self.samples = 0

    def run(self):
        pid = self.srv.proc.pid
        while not self.stop.is_set():
            st = proc_status(pid)
            self.peak_hwm = max(self.peak_hwm, st.get("VmHWM", 0))
            self.peak_threads = max(self.peak_threads, st.get("Threads", 0))
            self.samples += 1
            self.stop.wait(self.every)


def setup(srv, a, n_users):
    """The two organisations and their members, through the admin's
    forms; the logins of the uploaders' and the browsers' members."""
    admin = Client(srv.port)
    r = admin.login(*ADMIN)
    if r.status != 303:
        raise AssertionError("admin sign-in: %d" % r.status)
    admin.get("/admin")
    for kvk, name in ((KVK_UP, "Voorbeeld Uitzendgroep B.V."),
                      (KVK_BROWSE, "Ander Bureau B.V.")):
        r = admin.post("/admin/orgs", {"kvk": kvk, "name": name})
        if r.status != 303:
            raise AssertionError("add org %s: %d" % (kvk, r.status))
    page = admin.get("/admin").text
    org = dict((k, i) for i, k in re.findall(
        r'<option value="(\d+)">[^<]*\(KvK (\d{8})\)</option>', page))
    up = ["up-%d" % i for i in range(n_users)]
    browse = ["browse-%d" % i for i in range(n_users)]
    for who in up + browse:
        kvk = KVK_UP if who.startswith("up-") else KVK_BROWSE
        r = admin.post("/admin/users", {
            "login": who, "role": "member", "password": PW % who,
            "org": org[kvk]})
        if r.status != 303:
            raise AssertionError("add user %s: %d" % (who, r.status))
    return up, browse


def timed_audit(c, demo):
    """Upload demo.zip and wait for its audit; (upload, seconds from the
    upload's start to the page that shows the audit ended, state)."""
    t0 = time.monotonic()
    r = c.upload("/uploads", demo)
    up = upload_id(r)
    while True:
        page = c.request("GET", "/uploads/%d" % up, keep=False).text
        if 'http-equiv="refresh"' not in page:
            break
        if time.monotonic() - t0 > 300:
            raise AssertionError("upload %d: audit did not end" % up)
        time.sleep(0.02)
    t = time.monotonic() - t0
    state = "audited" if "Self-assessment report" in page else "other"
    return up, t, state


def sign_in(stats, port, who):
    c = Client(port)
    t0 = time.monotonic()
    try:
        r = c.login(who, PW % who)
        ok = r.status == 303
        stats.add("POST /login", time.monotonic() - t0,
                  "ok" if ok else "err", r.status)
    except (OSError, http.client.HTTPException) as e:
        stats.add("POST /login", time.monotonic() - t0, "err", repr(e))
        return None
    c.get("/uploads")  # the session's CSRF token
    return c


def client_loop(c, uploader, ctx, stats, rng, end):
    try:
        requests(c, uploader, ctx, stats, rng, end)
    except Exception as e:  # a bug of this script: counted, not lost
        stats.add("client", 0, "err", repr(e))


def requests(c, uploader, ctx, stats, rng, end):
    uploads = ctx["uploads"][uploader]
    every = ctx["every"] if uploader else 0
    next_up = time.monotonic() + rng.uniform(0, every) if every else None
    while time.monotonic() < end:
        now = time.monotonic()
        if next_up is not None and now >= next_up:
            next_up += every
            kind, want = "POST /uploads", 303
            t0 = time.monotonic()
            try:
                r = c.upload("/uploads", ctx["demo"])
                lat = time.monotonic() - t0
                if r.status == 303:
                    uploads.append(upload_id(r))
                    ctx["received"].append(time.monotonic())
            except (OSError, http.client.HTTPException) as e:
                stats.add(kind, time.monotonic() - t0, "err", repr(e))
                continue
        elif ctx["no_browse"] and uploader:
            time.sleep(min(0.05, max(0, next_up - now)))
            continue
        else:
            x = rng.random()
            if x < 0.35:
                kind, path = "GET /uploads", "/uploads"
            elif x < 0.65:
                kind = "GET /uploads/N"
                path = "/uploads/%d" % rng.choice(uploads)
            elif x < 0.80 and uploader:
                kind = "GET /uploads/N/report"
                path = "/uploads/%d/report" % rng.choice(ctx["audited"])
            else:
                kind, path = "GET /style.css", "/style.css"
            want = 200
            t0 = time.monotonic()
            try:
                r = c.request("GET", path, keep=False)
                lat = time.monotonic() - t0
            except (OSError, http.client.HTTPException) as e:
                stats.add(kind, time.monotonic() - t0, "err", repr(e))
                continue
        if r.status == want:
            stats.add(kind, lat, "ok")
        elif r.status == 503:
            stats.add(kind, lat, "busy")
        else:
            stats.add(kind, lat, "err", "status %d" % r.status)
        if ctx["think"] > 0:
            time.sleep(max(0.0, min(rng.expovariate(1.0 / ctx["think"]),
                                    end - time.monotonic())))


def finished(states):
    return states.get("audited", 0) + states.get("rejected", 0)


def main():
    a = parse_args()
    flexaudit = os.path.abspath(os.path.join(a.build, "flexaudit"))
    demo = os.path.abspath(os.path.join(a.build, "packages", "demo.zip"))
    fails = []
    stats = Stats()
    srv = Server(flexaudit, ["--workers", str(a.workers)]).start()
    sampler = Sampler(srv, a.sample)
    sampler.start()
    try:
        up_users, browse_users = setup(srv, a, a.users)
        # one audit on the idle server, --seed-audits times
        seeder = Client(srv.port)
        seeder.login(up_users[0], PW % up_users[0])
        seeder.get("/uploads")
        audited, seed_t = [], []
        for _ in range(a.seed_audits):
            up, t, state = timed_audit(seeder, demo)
            if state != "audited":
                fails.append("seed upload %d not audited" % up)
            audited.append(up)
            seed_t.append(t)
        bseed = Client(srv.port)
        bseed.login(browse_users[0], PW % browse_users[0])
        bseed.get("/uploads")
        bup, _, _ = timed_audit(bseed, demo)  # refused: another KvK
        n_browse = int(round(a.clients * a.browse_only))
        roles = [i >= a.clients - n_browse for i in range(a.clients)]
        t_login = time.monotonic()
        clients = []
        lock = threading.Lock()

        def login_one(i):
            users = browse_users if roles[i] else up_users
            c = sign_in(stats, srv.port, users[i % len(users)])
            with lock:
                clients.append((i, c))

        ts = [threading.Thread(target=login_one, args=(i,))
              for i in range(a.clients)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        t_login = time.monotonic() - t_login
        ctx = {"demo": demo, "every": a.upload_every, "think": a.think,
               "no_browse": a.no_browse, "audited": audited,
               "uploads": {True: list(audited), False: [bup]},
               "received": []}
        states0 = upload_states(srv.store)
        hwm_before = proc_status(srv.proc.pid).get("VmHWM", 0)
        start = time.monotonic()
        end = start + a.seconds
        ts = []
        for i, c in sorted(clients, key=lambda x: x[0]):
            if c is None:
                continue
            ts.append(threading.Thread(target=client_loop, args=(
                c, not roles[i], ctx, stats, random.Random(i), end)))
        cpu0 = os.times()
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        elapsed = time.monotonic() - start
        cpu1 = os.times()
        st_end = proc_status(srv.proc.pid)
        states1 = upload_states(srv.store)
        alive = srv.proc.poll() is None
        if not alive:
            fails.append("the server died during the load (exit %s)"
                         % srv.proc.returncode)
        # drain the queue
        t0 = time.monotonic()
        while alive and time.monotonic() - t0 < a.drain:
            s = upload_states(srv.store)
            if not s.get("received") and not s.get("auditing"):
                break
            time.sleep(0.2)
        drain = time.monotonic() - t0
        states2 = upload_states(srv.store) if alive else states1
        if states2.get("received") or states2.get("auditing"):
            fails.append("the queue did not drain in %.0f s" % a.drain)
        time.sleep(2)
        st_idle = proc_status(srv.proc.pid) if alive else {}
        sampler.stop.set()
        sampler.join()
        t0 = time.monotonic()
        code = srv.stop()
        t_stop = time.monotonic() - t0
        if code != 0:
            fails.append("server exit on SIGTERM: %s" % code)
        pk = os.path.join(srv.data, "packages")
        files = [os.path.join(pk, f) for f in os.listdir(pk)]
        disk = sum(os.path.getsize(f) for f in files)
    finally:
        sampler.stop.set()
        srv.close()

    # ---- the table ------------------------------------------------------
    print("flexaudit serve under load: %d clients (%d browse only, "
          "%d uploading every %g s), %.0f s, --workers %d, think %g s"
          % (a.clients, n_browse, a.clients - n_browse, a.upload_every,
             elapsed, a.workers, a.think))
    print("one demo audit on the idle server (upload to audited page): "
          "%s s" % " ".join("%.2f" % t for t in seed_t))
    print("%-22s %7s %6s %5s %4s %8s %8s %8s %8s"
          % ("request", "count", "per s", "busy", "err", "p50 ms",
             "p95 ms", "p99 ms", "max ms"))
    total = 0
    page_gets = 0
    for kind in ("POST /login",) + GETS + ("POST /uploads", "client"):
        k = stats.kinds.get(kind)
        if not k:
            continue
        lat = sorted(k["lat"])
        n = len(lat)
        per = n / (t_login if kind == "POST /login" else elapsed)
        if kind != "POST /login":
            total += n
        if kind in GETS:
            page_gets += n
        print("%-22s %7d %6.1f %5d %4d %8.1f %8.1f %8.1f %8.1f"
              % (kind, n, per, k["busy"], k["err"], pct(lat, 50) * 1e3,
                 pct(lat, 95) * 1e3, pct(lat, 99) * 1e3, lat[-1] * 1e3))
        if k["err"]:
            fails.append("%s: %d errors" % (kind, k["err"]))
        limit = (a.p95_limit if kind in PAGES else a.report_p95_limit
                 if kind in GETS else None)
        if limit is not None and pct(lat, 95) > limit:
            fails.append("%s: p95 %.2f s > %.2f s"
                         % (kind, pct(lat, 95), limit))
    print("requests: %d in %.1f s = %.1f per s (page GETs %.1f per s); "
          "sign-in of %d clients took %.1f s"
          % (total, elapsed, total / elapsed, page_gets / elapsed,
             a.clients, t_login))
    received = len(ctx["received"])
    done = finished(states1) - finished(states0)
    done_all = finished(states2) - finished(states0)
    print("uploads: %d received (%.1f per min), %d refused busy; audits "
          "finished in the load: %d (%.1f per min); after the load %d "
          "more in %.1f s of draining"
          % (received, received / elapsed * 60,
             stats.kinds.get("POST /uploads", {}).get("busy", 0),
             done, done / elapsed * 60, done_all - done, drain))
    print("uploads by state at the end: %s"
          % ", ".join("%s %d" % kv for kv in sorted(states2.items())))
    busy = stats.kinds.get("POST /uploads", {}).get("busy", 0)
    want = sum(states2.values()) - busy
    print("packages kept on disk: %d files, %.1f MiB (uploads %d, of which "
          "%d refused busy)" % (len(files), disk / 1048576.0,
                                sum(states2.values()), busy))
    if len(files) != want:
        fails.append("%d packages on disk, expected %d: one for every "
                     "upload not refused busy" % (len(files), want))
    print("server memory: peak RSS (VmHWM) %.1f MiB (%.1f MiB before the "
          "load, after sign-in and seeding), RSS at the load's end %.1f "
          "MiB, idle after draining %.1f MiB; limit %.0f MiB"
          % (sampler.peak_hwm / 1024, hwm_before / 1024,
             st_end.get("VmRSS", 0) / 1024, st_idle.get("VmRSS", 0) / 1024,
             a.rss_limit_mib))
    print("server threads: peak %d, at the load's end %d, idle %d "
          "(%d samples every %g s); stopped by SIGTERM in %.1f s"
          % (sampler.peak_threads, st_end.get("Threads", 0),
             st_idle.get("Threads", 0), sampler.samples, a.sample, t_stop))
    print("load client CPU: %.1f s user + %.1f s system over %.1f s"
          % (cpu1.user - cpu0.user, cpu1.system - cpu0.system, elapsed))
    if sampler.peak_hwm / 1024 > a.rss_limit_mib:
        fails.append("peak RSS %.1f MiB > %.0f MiB"
                     % (sampler.peak_hwm / 1024, a.rss_limit_mib))
    for e in stats.errors[:10]:
        print("  error: " + e)
    for f in fails:
        print("FAIL serve load: " + f)
    if not fails:
        print("serve load: ok (no error; p95 of a page <= %.1f s, of a "
              "report <= %.0f s; peak RSS <= %.0f MiB)"
              % (a.p95_limit, a.report_p95_limit, a.rss_limit_mib))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
