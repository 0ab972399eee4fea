#!/usr/bin/env python3
"""Abusive clients for the soak (bench/run-soak.sh): each from a loopback address of its own, so that
the server's per-client limits meet them as they would meet hosts on the Internet.

  idle     holds as many idle connections as it can, reopening every one the server closes
  slow     sends a request's head one byte every 5 seconds (slowloris)
  login    posts wrong passwords as fast as the server answers
  upload   files complaints with a 9 MB attachment on the public form until refused, and on

Runs for DURATION seconds and prints one JSON line of what each met (answers by status, refusals).
Usage: abuse.py PORT DURATION   (MELDPUNT_ABUSE=idle,slow,login,upload chooses; default all)
"""
import os
import http.client
import json
import re
import socket
import sys
import threading
import time
import urllib.parse

HOST = "127.0.0.1"
port = int(sys.argv[1])
duration = float(sys.argv[2])
deadline = time.monotonic() + duration
counts = {}
lock = threading.Lock()


def count(kind, what):
    with lock:
        counts.setdefault(kind, {}).setdefault(str(what), 0)
        counts[kind][str(what)] += 1


def connect(source):
    return socket.create_connection((HOST, port), timeout=10, source_address=(source, 0))


def idle(source, n):
    held = []
    while time.monotonic() < deadline:
        while len(held) < n and time.monotonic() < deadline:
            try:
                held.append(connect(source))
                count("idle", "opened")
            except OSError as e:
                count("idle", type(e).__name__)
                time.sleep(0.2)
                break
        time.sleep(1)
        alive = []
        for s in held:
            s.setblocking(False)
            try:
                closed = s.recv(1) == b""
            except BlockingIOError:
                closed = False
            except OSError:
                closed = True
            if closed:
                count("idle", "closed_by_server")
                s.close()
            else:
                alive.append(s)
        held = alive
    for s in held:
        s.close()


def slow(source, n):
    head = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 100 + b"\r\n\r\n"
    conns = []
    while time.monotonic() < deadline:
        while len(conns) < n:
            try:
                conns.append([connect(source), 0])
            except OSError as e:
                count("slow", type(e).__name__)
                break
        time.sleep(5)
        for c in list(conns):
            try:
                c[0].send(head[c[1]:c[1] + 1])
                c[1] += 1
                if c[1] == len(head):
                    count("slow", "completed_head")
                    c[0].close()
                    conns.remove(c)
            except OSError:
                count("slow", "closed_by_server")
                c[0].close()
                conns.remove(c)
    for c in conns:
        c[0].close()


def session(source):
    """A connection and the CSRF cookie of the login page."""
    conn = http.client.HTTPConnection(HOST, port, timeout=30, source_address=(source, 0))
    conn.request("GET", "/login")
    r = conn.getresponse()
    r.read()
    cookie = r.getheader("Set-Cookie") or ""
    m = re.search(r"mp_csrf=([^;]+)", cookie)
    return conn, (m.group(1) if m else "")


def login(source):
    conn, csrf = None, ""
    while time.monotonic() < deadline:
        try:
            if conn is None:
                conn, csrf = session(source)
            body = urllib.parse.urlencode({"csrf": csrf, "org": "focus", "email": "bench@focus.nl",
                                           "password": "wrong-password"})
            conn.request("POST", "/login", body, {"Content-Type": "application/x-www-form-urlencoded",
                                                  "Cookie": "mp_csrf=" + csrf})
            r = conn.getresponse()
            r.read()
            count("login", r.status)
            if r.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = None
        except (OSError, http.client.HTTPException) as e:
            count("login", type(e).__name__)
            if conn:
                conn.close()
            conn = None
            time.sleep(0.1)


def upload(source):
    boundary = "SoakGrens"
    attachment = b"%PDF-1.4\n" + b"0" * (9 * 1000 * 1000)  # under the 10 MB a file may be
    conn = None
    while time.monotonic() < deadline:
        try:
            if conn is None:
                conn = http.client.HTTPConnection(HOST, port, timeout=60, source_address=(source, 0))
                conn.request("GET", "/focus/klacht")
                r = conn.getresponse()
                r.read()
                m = re.search(r"mp_csrf=([^;]+)", r.getheader("Set-Cookie") or "")
                csrf = m.group(1) if m else ""
            parts = []
            for name, value in [("csrf", csrf), ("kind", "complaint"), ("subject", "Bestand"),
                                ("description", "Zie bijlage."), ("name", "Soak"), ("email", "soak@example.nl")]:
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
                             .encode())
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; '
                         f'filename="groot.pdf"\r\nContent-Type: application/pdf\r\n\r\n'.encode())
            body = b"".join(parts) + attachment + f"\r\n--{boundary}--\r\n".encode()
            conn.request("POST", "/focus/klacht", body,
                         {"Content-Type": "multipart/form-data; boundary=" + boundary, "Cookie": "mp_csrf=" + csrf})
            r = conn.getresponse()
            r.read()
            count("upload", r.status)
            if r.status >= 400:
                time.sleep(1)
        except (OSError, http.client.HTTPException) as e:
            count("upload", type(e).__name__)
            if conn:
                conn.close()
            conn = None
            time.sleep(1)


chosen = os.environ.get("MELDPUNT_ABUSE", "idle,slow,login,upload").split(",")
threads = []
if "idle" in chosen:
    threads.append(threading.Thread(target=idle, args=("127.0.0.2", 300)))
if "slow" in chosen:
    threads.append(threading.Thread(target=slow, args=("127.0.0.3", 100)))
if "upload" in chosen:
    threads.append(threading.Thread(target=upload, args=("127.0.0.5",)))
if "login" in chosen:
    threads += [threading.Thread(target=login, args=("127.0.0.4",)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(json.dumps(counts, sort_keys=True))
