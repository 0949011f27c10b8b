# SPDX-License-Identifier: MIT
"""Start and stop a real `flexaudit serve` on a loopback port for the
portal's tests, with a store whose first administrator is made by
`flexaudit user add`, as docs/serve.md tells an operator to."""

import os
import re
import signal
import subprocess
import tempfile
import time

ADMIN = ("admin", "admin-password-1")

# the bundled rule sets, wherever the binary under test is (build/asan/
# has no rules/ beside it)
os.environ.setdefault("FLEXAUDIT_RULES", os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__)))), "rules"))


def add_user(flexaudit, store, login, role, password, kvk=None,
             org_name=None):
    cmd = [flexaudit, "user", "add", login, "--store", store,
           "--role", role]
    if kvk:
        cmd += ["--kvk", kvk]
    if org_name:
        cmd += ["--org-name", org_name]
    p = subprocess.run(cmd, input=password + "\n", text=True,
                       capture_output=True)
    if p.returncode != 0:
        raise AssertionError("user add %s: exit %d: %s"
                             % (login, p.returncode, p.stderr))


class Server:
    """A server on 127.0.0.1 (a free port). dir: where its store and data
    folder live (a new temporary folder if None)."""

    def __init__(self, flexaudit, extra=(), dir=None, admin=True):
        self.flexaudit = flexaudit
        self.tmp = None
        if dir is None:
            self.tmp = tempfile.TemporaryDirectory(prefix="fa-serve-")
            dir = self.tmp.name
        self.dir = dir
        self.store = os.path.join(dir, "store.db")
        self.data = os.path.join(dir, "data")
        self.extra = list(extra)
        self.proc = None
        self.port = None
        if admin and not os.path.exists(self.store):
            add_user(flexaudit, self.store, ADMIN[0], "admin", ADMIN[1])

    def start(self):
        self.log = open(os.path.join(self.dir, "serve.log"), "a+")
        self.log.seek(0, os.SEEK_END)
        since = self.log.tell()
        self.proc = subprocess.Popen(
            [self.flexaudit, "serve", "--store", self.store, "--data",
             self.data, "--listen", "127.0.0.1:0"] + self.extra,
            stdout=subprocess.DEVNULL, stderr=self.log)
        t0 = time.time()
        while time.time() - t0 < 30:
            self.log.seek(since)
            m = re.search(r"serving on https?://127\.0\.0\.1:(\d+)/",
                          self.log.read())
            if m:
                self.port = int(m.group(1))
                return self
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        self.log.seek(0)
        raise AssertionError("server did not start: " + self.log.read())

    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(timeout=120)
        code = self.proc.returncode if self.proc else 0
        self.proc = None
        return code

    def rss_peak_kib(self):
        with open("/proc/%d/status" % self.proc.pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        return 0

    def close(self):
        self.stop()
        if self.tmp:
            self.tmp.cleanup()

    def __enter__(self):
        return self.start()

    def __exit__(self, *a):
        self.close()
