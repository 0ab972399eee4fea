"""A real SMTP server for the tests (Debian's python3-aiosmtpd): keeps every message it accepts
as a file in a folder, in the order they arrived, and refuses recipients whose address starts with
"refused" (550; "refusedaccent" with a non-ASCII text), so that a permanent failure can be tested.
Like a mail server at final delivery, it puts the envelope sender in front as Return-Path, and
X-Sink-Session says whether the session was encrypted and who logged in. Prints "ready" once it
listens.

With --secure USER PASSWORD it is a relay as a provider runs one: STARTTLS is required before
anything else (with a certificate for 127.0.0.1 it makes at start, written to FOLDER/../relay.pem
for the client to trust), and so is AUTH as USER with PASSWORD.

Usage: /usr/bin/python3 smtp_sink.py PORT FOLDER [--secure USER PASSWORD]
"""
import os
import ssl
import subprocess
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Keep:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("refusedaccent"):
            return "550 5.1.1 Geen postbus \u201ccaf\u00e9\u201d hier"
        if address.lower().startswith("refused"):
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = os.path.join(self.folder, "%08d.eml" % self.count)
        with open(name + ".part", "wb") as f:
            f.write(b"Return-Path: <" + (envelope.mail_from or "").encode() + b">\r\n")
            tls = "yes" if session.ssl is not None else "no"
            user = session.auth_data.login.decode() if session.authenticated else "-"
            f.write(("X-Sink-Session: tls=%s; user=%s\r\n" % (tls, user)).encode())
            f.write(envelope.original_content or envelope.content)
        os.rename(name + ".part", name)
        return "250 Message accepted"


def certificate(folder):
    """A self-signed certificate for 127.0.0.1 (made once per start; the client trusts this file)."""
    base = os.path.dirname(os.path.abspath(folder))
    cert, key = os.path.join(base, "relay.pem"), os.path.join(base, "relay.key")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", key, "-out", cert], check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


def login_check(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login == user.encode()
              and auth_data.password == password.encode())
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)
    return check


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    secure = {}
    if len(sys.argv) == 6 and sys.argv[3] == "--secure":
        secure = dict(tls_context=certificate(folder), require_starttls=True,
                      authenticator=login_check(sys.argv[4], sys.argv[5]), auth_required=True,
                      auth_require_tls=True)
    controller = Controller(Keep(folder), hostname="127.0.0.1", port=port, **secure)
    controller.start()
    print("ready", flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
