# SPDX-License-Identifier: MIT
"""The portal's access rules and defences against a real server on a
loopback port (docs/serve.md):

- the role matrix: every route tried as nobody, the admin, the member and
  the inspector of organisation A, and the member and the inspector of
  organisation B, on A's upload and inspection run; the expected status of
  each cell is written below by hand from docs/serve.md's rules, not read
  from the server;
- CSRF: a POST without the token, and with another session's, refused;
- sign-in: a form posted from another site (no fa_pre cookie) or with
  another token than its cookie's is refused;
- sessions: a token planted before sign-in is not the one signed in, a
  token is dead after sign-out, and a disabled user's at once;
- paths: traversal in every place a path takes a value, 404;
- sign-in rate limit; an upload larger than --upload-max refused before
  its body is read; a connection that sends nothing closed after
  --timeout; a package of another organisation's KvK refused;
- plain HTTP off loopback refused; HTTPS with --cert and --key, its
  session cookie Secure;
- kill -9 just after an upload is received: audited after the restart;
- kill -9 while an upload arrives: no stored run lost, no half file kept
  as a package, the upload's record marked failed on restart.

usage: python3 tests/serve/security.py BUILD_DIR"""

import http.client
import os
import re
import shutil
import signal
import socket
import sqlite3
import ssl
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from portal import Client, upload_id  # noqa: E402
from server import ADMIN, Server  # noqa: E402

B = sys.argv[1] if len(sys.argv) > 1 else "build"
FLEXAUDIT = os.path.abspath(os.path.join(B, "flexaudit"))
DEMO = os.path.abspath(os.path.join(B, "packages", "demo.zip"))
BAD = os.path.abspath(os.path.join(B, "packages", "bad_date.zip"))
KVK_A = "90412376"  # the demo package's member (its manifest.xml)
KVK_B = "12345678"
PW = "a-long-password-%s"

fails = []


def check(cond, what):
    if not cond:
        fails.append(what)
        print("FAIL serve: " + what)


def setup(srv):
    """Organisations A and B, a member and an inspector of each, through
    the admin's forms."""
    admin = Client(srv.port)
    r = admin.login(*ADMIN)
    check(r.status == 303 and r.header("Location") == "/",
          "admin sign-in: %d" % r.status)
    admin.get("/admin")
    for kvk, name in ((KVK_A, "Voorbeeld Uitzendgroep B.V."),
                      (KVK_B, "Ander Bureau B.V.")):
        r = admin.post("/admin/orgs", {"kvk": kvk, "name": name})
        check(r.status == 303, "add org %s: %d" % (kvk, r.status))
    page = admin.get("/admin").text
    org = dict((k, i) for i, k in re.findall(
        r'<option value="(\d+)">[^<]*\(KvK (\d{8})\)</option>', page))
    for who, role, kvk in (("member-a", "member", KVK_A),
                           ("member-b", "member", KVK_B),
                           ("inspector-a", "inspector", None),
                           ("inspector-b", "inspector", None)):
        r = admin.post("/admin/users", {
            "login": who, "role": role, "password": PW % who,
            "org": org[kvk] if kvk else "0"})
        check(r.status == 303, "add user %s: %d" % (who, r.status))
    page = admin.get("/admin").text
    users = dict((n, i) for i, n in re.findall(
        r'<option value="(\d+)">(inspector-[ab])</option>', page))
    for who, kvk in (("inspector-a", KVK_A), ("inspector-b", KVK_B)):
        r = admin.post("/admin/assign", {"inspector": users[who],
                                         "org": org[kvk]})
        check(r.status == 303, "assign %s: %d" % (who, r.status))
    return admin, org


def signed_in(srv, who):
    c = Client(srv.port)
    r = c.login(who, PW % who)
    check(r.status == 303, "sign-in %s: %d" % (who, r.status))
    c.get("/")
    return c


def prepare_audit(clients, org):
    ma, ia = clients["member-a"], clients["inspector-a"]
    ma.get("/uploads")
    r = ma.upload("/uploads", DEMO)
    up = upload_id(r)
    page = ma.wait_upload(up).text
    check("Self-assessment report" in page,
          "member A's upload %d not audited: %s" % (up, page[-400:]))
    ia.get("/uploads/%d" % up)
    r = ia.post("/uploads/%d/inspect" % up, {})
    check(r.status == 303, "start inspection: %d" % r.status)
    page = ia.wait_upload(up).text
    m = re.search(r'href="/runs/(\d+)/review"', page)
    check(m is not None, "no inspection run on upload %d" % up)
    return up, int(m.group(1)) if m else 0


# Who may do what (docs/serve.md, "Roles"): a = the signed-in user of
# organisation A's side, b = of B's, for A's upload U, run R and
# organisation OA. 303 for a GET by nobody: to the sign-in page.
NOBODY, ADMIN_, MA, MB, IA, IB = range(6)
WHO = ("nobody", "admin", "member-a", "member-b", "inspector-a",
       "inspector-b")
MATRIX = [
    # method, path,                nobody admin mA  mB  iA  iB
    ("GET", "/", (303, 303, 303, 303, 303, 303)),
    ("GET", "/login", (200, 303, 303, 303, 303, 303)),
    ("GET", "/style.css", (200, 200, 200, 200, 200, 200)),
    ("GET", "/admin", (303, 200, 403, 403, 403, 403)),
    ("POST", "/admin/orgs", (403, 400, 403, 403, 403, 403)),
    ("POST", "/admin/users", (403, 400, 403, 403, 403, 403)),
    ("POST", "/admin/assign", (403, 400, 403, 403, 403, 403)),
    ("POST", "/admin/access", (403, 400, 403, 403, 403, 403)),
    ("GET", "/uploads", (303, 403, 200, 200, 403, 403)),
    ("POST", "/uploads", (403, 403, 400, 400, 403, 403)),
    ("GET", "/uploads/U", (303, 403, 200, 404, 200, 404)),
    ("GET", "/uploads/U/report", (303, 403, 200, 404, 200, 404)),
    ("GET", "/uploads/U/plan", (303, 403, 200, 404, 200, 404)),
    ("POST", "/uploads/U/inspect", (403, 403, 403, 403, 409, 404)),
    ("GET", "/orgs", (303, 403, 403, 403, 200, 200)),
    ("GET", "/orgs/OA", (303, 403, 403, 403, 200, 404)),
    ("GET", "/runs/R/review", (303, 403, 403, 403, 200, 404)),
    ("POST", "/runs/R/judge", (403, 403, 403, 403, 400, 404)),
    ("POST", "/runs/R/waive", (403, 403, 403, 403, 400, 404)),
    ("GET", "/runs/R/report", (303, 403, 403, 403, 200, 404)),
    ("GET", "/runs/R/issued", (303, 403, 404, 404, 404, 404)),
    ("POST", "/runs/R/issue", (403, 403, 403, 403, 400, 404)),
    ("GET", "/runs/R/issued", (303, 403, 200, 404, 200, 404)),
    ("GET", "/nothing", (404, 404, 404, 404, 404, 404)),
]


def role_matrix(srv, clients, up, run, oa):
    print("role matrix (status per user; * = as expected):")
    print("  %-6s %-22s %s" % ("", "", " ".join("%-11s" % w for w in WHO)))
    issued = False
    for method, tpl, want in MATRIX:
        path = tpl.replace("U", str(up)).replace("R", str(run)).replace(
            "OA", str(oa))
        if method == "POST" and tpl == "/runs/R/issue":
            # the cells before issue a report; inspector-a's issues it
            pass
        got = []
        for i, who in enumerate(WHO):
            c = clients[who] if who != "nobody" else Client(srv.port)
            if method == "GET":
                r = c.request("GET", path, keep=False)
            else:
                r = c.post(path, {})  # a valid token, empty form
            got.append(r.status)
        if tpl == "/runs/R/issue":
            r = clients["inspector-a"].post(path, {"confirm": "yes"})
            issued = r.status == 303
            check(issued, "inspector-a could not issue: %d" % r.status)
        line = " ".join("%-11s" % ("%d%s" % (g, "*" if g == w else "!"))
                        for g, w in zip(got, want))
        print("  %-6s %-22s %s" % (method, path, line))
        for g, w, who in zip(got, want, WHO):
            check(g == w, "%s %s as %s: %d, expected %d"
                  % (method, path, who, g, w))


def csrf_and_sessions(srv, clients):
    admin = clients["admin"]
    r = admin.post("/admin/orgs", {"kvk": "11111111", "name": "X"},
                   csrf=False)
    check(r.status == 403, "POST without CSRF token: %d" % r.status)
    other = clients["member-a"].csrf
    r = admin.post("/admin/orgs", {"kvk": "11111111", "name": "X",
                                   "csrf": other})
    check(r.status == 403, "POST with another session's token: %d"
          % r.status)
    # a token planted before sign-in
    planted = "A" * 43
    c = Client(srv.port)
    c.cookies["fa_session"] = planted
    c.login("member-b", PW % "member-b")
    check(c.cookies.get("fa_session") not in (None, planted),
          "sign-in kept the planted session token")
    # a valid token of someone else carried into a sign-in is ended
    victim = Client(srv.port)
    victim.login("member-b", PW % "member-b")
    old = victim.cookies["fa_session"]
    # the sign-in form as fetched without the session (a signed-in
    # browser is sent on from /login), then posted with it
    del victim.cookies["fa_session"]
    victim.get("/login")
    victim.cookies["fa_session"] = old
    victim.post("/login", {"pre": victim.pre, "login": "member-b",
                           "password": PW % "member-b"}, csrf=False)
    victim.get("/uploads")
    check(victim.cookies["fa_session"] != old, "sign-in reused a token")
    r = Client(srv.port)
    r.cookies["fa_session"] = old
    check(r.request("GET", "/uploads", keep=False).status == 303,
          "the session before a new sign-in still works")
    # sign-out
    token, csrf = victim.cookies["fa_session"], victim.csrf
    r = victim.post("/logout", {})
    check(r.status == 303 and "fa_session" not in victim.cookies,
          "sign-out: %d" % r.status)
    again = Client(srv.port)
    again.cookies["fa_session"] = token
    check(again.request("GET", "/uploads", keep=False).status == 303,
          "the token works after sign-out")
    again.csrf = csrf
    r = again.post("/logout", {})
    check(r.status == 403, "POST with a token after sign-out: %d"
          % r.status)
    # the cookie's attributes
    c = Client(srv.port)
    r = c.login("member-b", PW % "member-b")
    ck = [x for x in r.cookies() if x.startswith("fa_session=")][0]
    for attr in ("HttpOnly", "SameSite=Strict", "Path=/"):
        check(attr in ck, "session cookie without " + attr)
    check(len(ck.split(";")[0]) == len("fa_session=") + 43,
          "session token is not 43 characters (256 bits)")


def disable_user(srv, clients):
    """An administrator disables member-b: the session ends at once and
    sign-in is refused; enabled again, sign-in works."""
    admin = clients["admin"]
    page = admin.get("/admin").text
    m = re.search(r'<td>member-b</td>.*?name="user" value="(\d+)"', page)
    check(m is not None, "no access form for member-b")
    c = Client(srv.port)
    c.login("member-b", PW % "member-b")
    check(c.request("GET", "/uploads", keep=False).status == 200,
          "member-b not signed in")
    r = admin.post("/admin/access", {"user": m.group(1), "disabled": "1"})
    check(r.status == 303, "disable member-b: %d" % r.status)
    check(c.request("GET", "/uploads", keep=False).status == 303,
          "a disabled user's session still works")
    check(Client(srv.port).login("member-b", PW % "member-b").status == 401,
          "a disabled user signs in")
    r = admin.post("/admin/access", {"user": m.group(1), "disabled": "0"})
    check(r.status == 303, "enable member-b: %d" % r.status)
    check(Client(srv.port).login("member-b", PW % "member-b").status == 303,
          "an enabled user cannot sign in")
    clients["member-b"] = signed_in(srv, "member-b")


def forged_login(srv):
    """A sign-in form posted from another site carries no fa_pre cookie
    (SameSite=Strict): refused even with the right password, no session
    made; so is one whose token is not its cookie's."""
    c = Client(srv.port)
    r = c.post("/login", {"pre": "B" * 43, "login": "member-a",
                          "password": PW % "member-a"}, csrf=False)
    check(r.status == 400 and "fa_session" not in c.cookies,
          "a sign-in without the form's cookie: %d" % r.status)
    c.get("/login")
    r = c.post("/login", {"pre": "C" * 43, "login": "member-a",
                          "password": PW % "member-a"}, csrf=False)
    check(r.status == 400 and "fa_session" not in c.cookies,
          "a sign-in with another token than its cookie's: %d" % r.status)
    r = c.login("member-a", PW % "member-a")
    check(r.status == 303 and "fa_session" in c.cookies
          and "fa_pre" not in c.cookies,
          "a sign-in through the form: %d" % r.status)


def traversal(srv, clients, up):
    paths = ["/uploads/%d/../../../etc/passwd" % up,
             "/uploads/..%2f..%2fetc%2fpasswd",
             "/uploads/%2e%2e/%2e%2e/store.db",
             "/style.css/../store.db", "/../store.db", "/data/packages",
             "/uploads/%d.zip" % up, "/uploads/0%d" % up,
             "/uploads/-1", "/uploads/1e3", "/uploads/%d/report/x" % up,
             "/runs/99999999999999999999/review",
             "/lang?to=nl&back=//evil.example/",
             "/lang?to=nl&back=/x%0d%0aSet-Cookie:%20a=b"]
    for p in paths:
        for who in ("member-a", "inspector-a"):
            r = clients[who].request("GET", p, keep=False)
            if p.startswith("/lang"):
                check(r.status == 303 and r.header("Location") == "/",
                      "%s as %s: to %s" % (p, who, r.header("Location")))
            else:
                check(r.status == 404, "%s as %s: %d" % (p, who, r.status))
            check(b"root:" not in r.body and b"SQLite format" not in r.body,
                  "%s served a file" % p)


def rate_limit(srv):
    c = Client(srv.port)
    for i in range(5):
        r = c.login("member-b", "wrong-password-%d" % i)
        check(r.status == 401, "wrong password %d: %d" % (i, r.status))
    r = c.login("member-b", PW % "member-b")
    check(r.status == 429, "sign-in after 5 failures: %d" % r.status)


def other_kvk(srv, clients):
    mb = clients["member-b"]
    mb.get("/uploads")
    up = upload_id(mb.upload("/uploads", DEMO))
    page = mb.wait_upload(up).text
    check("is for KvK number 90412376, not for 12345678" in page,
          "member B's upload of A's package not refused: " + page[-300:])
    up = upload_id(mb.upload("/uploads", BAD))
    page = mb.wait_upload(up).text
    # bad_date's workers.csv has 31-02-2025 on its first data line
    check("Problems to fix" in page and
          "workers.csv:2:7: invalid date &#39;31-02-2025&#39;" in page,
          "a broken package shows no problems: " + page[-300:])


# libmicrohttpd's form parser wants a boundary of two characters or more;
# browsers send long ones
BND = "----flexaudit-test-boundary"


def post_head(cookie, length=None):
    """The head of a multipart POST /uploads: Content-Length, or chunked
    when length is None."""
    h = ("POST /uploads HTTP/1.1\r\nHost: x\r\nCookie: %s\r\n"
         "Content-Type: multipart/form-data; boundary=%s\r\n"
         % (cookie, BND))
    if length is None:
        h += "Transfer-Encoding: chunked\r\n"
    else:
        h += "Content-Length: %d\r\n" % length
    return (h + "\r\n").encode()


def form_head(csrf, filename):
    """The CSRF field, then the head of the file part."""
    return ("--%s\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n"
            "%s\r\n--%s\r\nContent-Disposition: form-data; "
            "name=\"package\"; filename=\"%s\"\r\n\r\n"
            % (BND, csrf, BND, filename)).encode()


def oversize(srv):
    """With --upload-max 32M: a declared 40 MiB body is refused at once,
    before it is sent (the server answers the headers); a chunked body
    without a length is cut off once past 32 MiB; nothing is left."""
    c = Client(srv.port)
    c.login("member-b", PW % "member-b")
    c.get("/uploads")
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
    s.sendall(post_head(c._cookie_header(), 40 << 20))
    head = s.recv(4096).decode("latin-1")
    s.close()
    check(head.startswith("HTTP/1.1 413"), "oversize upload: " + head[:40])
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=30)
    s.sendall(post_head(c._cookie_header()))
    sent, cut = 0, False
    chunk = b"x" * (1 << 20)
    try:
        pre = form_head(c.csrf, "big.zip")
        s.sendall(b"%x\r\n%s\r\n" % (len(pre), pre))
        while sent < (64 << 20):
            s.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            sent += len(chunk)
    except (BrokenPipeError, ConnectionResetError, socket.timeout):
        cut = True
    s.close()
    check(cut and (30 << 20) <= sent <= (40 << 20),
          "chunked oversize upload not cut off at 32 MiB (%d MiB sent)"
          % (sent >> 20))
    time.sleep(0.5)
    left = os.listdir(os.path.join(srv.data, "incoming"))
    check(left == [], "oversize upload left files: %s" % left)


def slow_client(srv):
    """--timeout 2: a connection that sends half a request and goes quiet
    is closed."""
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=20)
    s.sendall(b"GET /login HTTP/1.1\r\nHost: x\r\n")
    t0 = time.time()
    try:
        data = s.recv(100)
    except (ConnectionResetError, socket.timeout):
        data = b""
    took = time.time() - t0
    s.close()
    check(data == b"" and took < 10,
          "an idle connection was not closed (%.1f s, %r)" % (took, data))


def kill_during_upload(srv, clients):
    """kill -9 while a package arrives: the runs stored stay, no half file
    is in packages/, the upload is not taken for a package."""
    db = sqlite3.connect(srv.store)
    runs = db.execute("SELECT count(*) FROM runs").fetchone()[0]
    db.close()
    c = Client(srv.port)
    c.login("member-a", PW % "member-a")
    c.get("/uploads")
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
    pre = form_head(c.csrf, "demo.zip")
    s.sendall(post_head(c._cookie_header(), len(pre) + (8 << 20)))
    s.sendall(pre + b"PK" + b"\0" * (1 << 20))
    time.sleep(0.5)
    incoming = os.listdir(os.path.join(srv.data, "incoming"))
    check(len(incoming) == 1, "no file arriving in incoming/: %s" % incoming)
    code = srv.stop(signal.SIGKILL)
    check(code == -9, "server not killed: %s" % code)
    s.close()
    packages = set(os.listdir(os.path.join(srv.data, "packages")))
    srv.start()
    left = os.listdir(os.path.join(srv.data, "incoming"))
    check(left == [], "half upload left in incoming/ after restart: %s"
          % left)
    check(set(os.listdir(os.path.join(srv.data, "packages"))) == packages,
          "packages/ changed by the killed upload")
    db = sqlite3.connect(srv.store)
    check(db.execute("SELECT count(*) FROM runs").fetchone()[0] == runs,
          "runs lost or added by kill -9")
    check(db.execute("PRAGMA integrity_check").fetchone()[0] == "ok",
          "store not intact after kill -9")
    db.close()


def tls_and_listen():
    """Plain HTTP off loopback is refused (exit 2, the message says what
    to do); with --cert and --key the server speaks TLS and its session
    cookie is Secure."""
    d = tempfile.mkdtemp(prefix="fa-tls-")
    try:
        store = os.path.join(d, "s.db")
        p = subprocess.run([FLEXAUDIT, "serve", "--store", store, "--data",
                            os.path.join(d, "data"), "--listen",
                            "0.0.0.0:0"], capture_output=True, text=True,
                           timeout=30)
        check(p.returncode == 2 and "plain HTTP on '0.0.0.0' would send "
              "passwords in clear" in p.stderr,
              "plain HTTP off loopback: exit %d, %s"
              % (p.returncode, p.stderr.strip()))
        p = subprocess.run([FLEXAUDIT, "serve", "--store", store, "--data",
                            os.path.join(d, "data"), "--cert", "x.pem"],
                           capture_output=True, text=True, timeout=30)
        check(p.returncode == 2 and "--cert and --key go together"
              in p.stderr, "--cert without --key: exit %d, %s"
              % (p.returncode, p.stderr.strip()))
        cert, key = os.path.join(d, "c.pem"), os.path.join(d, "k.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048",
                        "-nodes", "-keyout", key, "-out", cert, "-days",
                        "2", "-subj", "/CN=127.0.0.1"], check=True,
                       capture_output=True, timeout=60)
        with Server(FLEXAUDIT, ["--cert", cert, "--key", key],
                    dir=d) as srv:
            ctx = ssl.create_default_context(cafile=cert)
            ctx.check_hostname = False
            c = http.client.HTTPSConnection("127.0.0.1", srv.port,
                                            context=ctx, timeout=30)
            c.request("GET", "/login")
            r = c.getresponse()
            page = r.read().decode()
            pre = re.search(r'name="pre" value="([^"]+)"', page).group(1)
            ck = r.getheader("Set-Cookie") or ""
            check("fa_pre=" in ck and "; Secure" in ck,
                  "HTTPS sign-in form's cookie not Secure: %s" % ck[:7])
            c.request("POST", "/login", body="pre=%s&login=%s&password=%s"
                      % ((pre,) + ADMIN),
                      headers={"Content-Type":
                               "application/x-www-form-urlencoded",
                               "Cookie": "fa_pre=" + pre})
            r = c.getresponse()
            r.read()
            ck = r.getheader("Set-Cookie") or ""
            check(r.status == 303 and "; Secure" in ck,
                  "HTTPS sign-in: %d, cookie %s" % (r.status, ck[:11]))
            c.close()
            s = socket.create_connection(("127.0.0.1", srv.port), timeout=5)
            s.sendall(b"GET /login HTTP/1.1\r\nHost: x\r\n\r\n")
            try:
                data = s.recv(100)
            except (ConnectionResetError, socket.timeout):
                data = b""
            s.close()
            check(not data.startswith(b"HTTP/1.1 200"),
                  "the TLS port answered plain HTTP")
    finally:
        shutil.rmtree(d, ignore_errors=True)


def restart_resumes(srv):
    """kill -9 just after an upload is received, while its audit waits
    or runs: the server that starts again audits it, and the member sees
    the self-assessment, not "upload again"."""
    c = Client(srv.port)
    c.login("member-a", PW % "member-a")
    c.get("/uploads")
    up = upload_id(c.upload("/uploads", DEMO))
    code = srv.stop(signal.SIGKILL)
    check(code == -9, "server not killed: %s" % code)
    db = sqlite3.connect(srv.store)
    state = db.execute("SELECT state FROM uploads WHERE id = ?",
                       (up,)).fetchone()[0]
    db.close()
    srv.start()
    c = Client(srv.port)
    c.login("member-a", PW % "member-a")
    page = c.wait_upload(up, timeout=60).text
    check("Self-assessment report" in page,
          "upload %d, %s when the server was killed, not audited after "
          "the restart: %s" % (up, state, page[-300:]))
    print("serve: upload killed while %s, audited after the restart"
          % state)


def main():
    srv = Server(FLEXAUDIT, ["--upload-max", "32M", "--timeout", "2"])
    srv.start()
    try:
        admin, org = setup(srv)
        clients = {"admin": admin}
        for who in WHO[2:]:
            clients[who] = signed_in(srv, who)
        up, run = prepare_audit(clients, org)
        role_matrix(srv, clients, up, run, int(org[KVK_A]))
        csrf_and_sessions(srv, clients)
        traversal(srv, clients, up)
        forged_login(srv)
        disable_user(srv, clients)
        other_kvk(srv, clients)
        oversize(srv)
        slow_client(srv)
        rate_limit(srv)
        kill_during_upload(srv, clients)
        restart_resumes(srv)
        code = srv.stop()
        check(code == 0, "server exit on SIGTERM: %s" % code)
    finally:
        srv.close()
    tls_and_listen()
    if fails:
        print("serve: %d checks failed" % len(fails))
        return 1
    print("serve: role matrix, CSRF, sessions, paths, limits, TLS and "
          "kill -9 all as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main())
