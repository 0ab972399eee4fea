"""A real SMTP server for the tests (Debian's python3-aiosmtpd): keeps every message it accepts
as a file in a folder, in the order they arrived, and refuses recipients whose address starts with
"refused" (550; "refusedaccent" with a non-ASCII text), so that a permanent failure can be tested.
Like a mail server at final delivery, it puts the envelope sender in front as Return-Path. Prints
"ready" once it listens.

Usage: /usr/bin/python3 smtp_sink.py PORT FOLDER
"""
import os
import sys
import time

from aiosmtpd.controller import Controller


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
            f.write(envelope.original_content or envelope.content)
        os.rename(name + ".part", name)
        return "250 Message accepted"


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    controller = Controller(Keep(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
