"""A real HTTP receiver of webhooks for the tests (Python's http.server, threaded): keeps every
request it gets as a JSON file in a folder (path, headers, body), in the order they arrived, and
answers by the first part of the path:

  /ok/...      200 {"received": true}
  /erp/...     200 {"reference": "ES-<n>"}: an ERP that registers what it gets and says under what
  /accept/...  202, no body: an ERP that will acknowledge later
  /fail/...    500
  /flaky/...   503 to the first two tries of each Idempotency-Key at that path, then 200
  /slow/...    200 after 2 seconds
  /hang/...    answers after 30 seconds (the sender times out first)
  /gone/...    410
Prints "ready" once it listens.

The second use is the test's own check of a signature, written apart from Meldpunt's:
  webhook_receiver.py verify SECRET FILE [MAX_AGE_SECONDS]
reads a kept request, recomputes HMAC-SHA256 over "<t>.<body>" with Python's hmac and compares it
with the v1 of its Meldpunt-Signature header in constant time; exit 0 and "valid" when it matches
(and t is at most MAX_AGE_SECONDS old, when given), else exit 1 with the reason.

Usage: /usr/bin/python3 webhook_receiver.py PORT FOLDER
"""
import hashlib
import hmac
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Receiver(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    lock = threading.Lock()
    count = 0
    tries = {}

    def log_message(self, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode("utf-8")
        with Receiver.lock:
            Receiver.count += 1
            n = Receiver.count
            key = self.path + " " + self.headers.get("Idempotency-Key", "")
            Receiver.tries[key] = Receiver.tries.get(key, 0) + 1
            tries = Receiver.tries[key]
        kind = self.path.strip("/").split("/")[0]
        if kind == "hang":
            time.sleep(30)
        if kind == "slow":
            time.sleep(2)
        record = {"path": self.path, "headers": dict(self.headers.items()), "body": body}
        name = os.path.join(self.server.folder, "%08d.json" % n)
        with open(name + ".part", "w", encoding="utf-8") as f:
            json.dump(record, f)
        os.rename(name + ".part", name)
        if kind == "erp":
            self.answer(200, json.dumps({"reference": "ES-%d" % n}))
        elif kind == "accept":
            self.answer(202, "")
        elif kind == "fail":
            self.answer(500, "kapot")
        elif kind == "flaky":
            self.answer(503 if tries <= 2 else 200, "")
        elif kind == "gone":
            self.answer(410, "")
        else:
            self.answer(200, json.dumps({"received": True}))

    def answer(self, status, text):
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def verify(secret, file, max_age=None):
    with open(file, encoding="utf-8") as f:
        record = json.load(f)
    headers = {k.lower(): v for k, v in record["headers"].items()}
    parts = dict(p.split("=", 1) for p in headers.get("meldpunt-signature", "").split(",") if "=" in p)
    if "t" not in parts or "v1" not in parts:
        return "no signature"
    signed = (parts["t"] + "." + record["body"]).encode("utf-8")
    expected = hmac.new(secret.encode("utf-8"), signed, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, parts["v1"]):
        return "signature does not match"
    if max_age is not None and abs(time.time() - int(parts["t"])) > max_age:
        return "too old"
    return None


def main():
    if sys.argv[1] == "verify":
        why = verify(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else None)
        print(why or "valid")
        sys.exit(1 if why else 0)
    port, folder = int(sys.argv[1]), sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    server = ThreadingHTTPServer(("127.0.0.1", port), Receiver)
    server.daemon_threads = True
    server.folder = folder
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
