# SPDX-License-Identifier: MIT
"""A small HTTP client for the portal's tests: one session per object
(its own cookies), the CSRF token read from the last page, forms sent
url-encoded or as multipart with a file streamed from disk. Standard
library only, so that the tests need nothing but python3."""

import http.client
import os
import re
import time
import urllib.parse
import uuid

CSRF = re.compile(r'name="csrf" value="([A-Za-z0-9_-]{43})"')
PRE = re.compile(r'name="pre" value="([A-Za-z0-9_-]{43})"')


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def cookies(self):
        return [v for k, v in self.headers if k.lower() == "set-cookie"]


class Client:
    def __init__(self, port, host="127.0.0.1"):
        self.host = host
        self.port = port
        self.cookies = {}
        self.csrf = None
        self.pre = None  # the sign-in form's token

    def _conn(self, timeout=60):
        return http.client.HTTPConnection(self.host, self.port,
                                          timeout=timeout)

    def _cookie_header(self):
        return "; ".join("%s=%s" % kv for kv in self.cookies.items())

    def _keep(self, resp):
        for c in resp.cookies():
            name, _, rest = c.partition("=")
            value = rest.split(";", 1)[0]
            if "Max-Age=0" in c or value == "":
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        m = CSRF.search(resp.text) if resp.body else None
        if m:
            self.csrf = m.group(1)
        m = PRE.search(resp.text) if resp.body else None
        if m:
            self.pre = m.group(1)

    def request(self, method, path, body=None, headers=None, keep=True):
        h = dict(headers or {})
        if self.cookies:
            h["Cookie"] = self._cookie_header()
        c = self._conn()
        try:
            c.request(method, path, body=body, headers=h)
            r = c.getresponse()
            resp = Response(r.status, r.getheaders(), r.read())
        finally:
            c.close()
        if keep:
            self._keep(resp)
        return resp

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, fields, csrf=True):
        f = dict(fields)
        if csrf and self.csrf and "csrf" not in f:
            f["csrf"] = self.csrf
        body = urllib.parse.urlencode(f).encode()
        return self.request("POST", path, body, {
            "Content-Type": "application/x-www-form-urlencoded"})

    def upload(self, path, file_path, fields=None, csrf=True,
               name="package"):
        """multipart/form-data with the CSRF field first, as the page's
        form sends it, then the file."""
        f = dict(fields or {})
        if csrf and self.csrf and "csrf" not in f:
            f = dict([("csrf", self.csrf)] + list(f.items()))
        boundary = "----fa" + uuid.uuid4().hex
        parts = []
        for k, v in f.items():
            parts.append(("--%s\r\nContent-Disposition: form-data; "
                          "name=\"%s\"\r\n\r\n%s\r\n" %
                          (boundary, k, v)).encode())
        head = ("--%s\r\nContent-Disposition: form-data; name=\"%s\"; "
                "filename=\"%s\"\r\nContent-Type: application/zip\r\n\r\n"
                % (boundary, name, os.path.basename(file_path))).encode()
        tail = ("\r\n--%s--\r\n" % boundary).encode()
        with open(file_path, "rb") as fh:
            data = fh.read()
        body = b"".join(parts) + head + data + tail
        return self.request("POST", path, body, {
            "Content-Type": "multipart/form-data; boundary=" + boundary})

    def login(self, login, password):
        """Sign in as a browser does: the form's page first (its token
        and the token's cookie), then the form."""
        self.get("/login")
        return self.post("/login", {"pre": self.pre, "login": login,
                                    "password": password}, csrf=False)

    def wait_upload(self, upload, timeout=300):
        """Poll /uploads/N until its audit has ended; the page's text."""
        t0 = time.time()
        while time.time() - t0 < timeout:
            r = self.get("/uploads/%d" % upload)
            if r.status != 200:
                return r
            if 'http-equiv="refresh"' not in r.text:
                return r
            time.sleep(0.5)
        raise AssertionError("upload %d: audit did not end in %d s"
                             % (upload, timeout))


def upload_id(resp):
    loc = resp.header("Location") or ""
    m = re.match(r"^/uploads/(\d+)$", loc)
    if not m:
        raise AssertionError("upload: no redirect to the upload (%d %s)"
                             % (resp.status, loc))
    return int(m.group(1))
