#!/usr/bin/env bash
# Mail in as a mail system delivers it: N messages (a third with a PDF attachment, a third with a
# photo, the rest text only; every one a new complaint from its own sender) each piped into
# `meldpunt mail receive` for Focus, P at a time. Prints the messages per second, how many became
# cases, and the largest memory of one receive process (its peak RSS); then the same N delivered
# again, which must add nothing (each Message-ID is taken in once).
# Usage: bench/run-mail.sh sqlite|postgres [N=10000] [P=2]
set -euo pipefail
backend=$1; n=${2:-10000}; parallel=${3:-2}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/build/default
source "$root/bench/database.sh"
bench_database "$backend" 15436

"$bin/meldpunt" org create --db "$db" --id focus --procedure "$root/policies/focus.toml" >/dev/null
mkdir -p "$work/mail"
python3 - "$work/mail" "$n" <<'PY'
import base64, os, sys
folder, n = sys.argv[1], int(sys.argv[2])
pdf = b"%PDF-1.4\n" + os.urandom(60 * 1024) + b"\n%%EOF\n"
photo = b"\x89PNG\r\n\x1a\n" + os.urandom(200 * 1024)
def attachment(name, kind, data):
    return (f"--grens\r\nContent-Type: {kind}; name=\"{name}\"\r\nContent-Disposition: attachment; "
            f"filename=\"{name}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n").encode() + base64.encodebytes(data)
for i in range(n):
    head = (f"From: Indiener {i} <indiener{i}@example.org>\r\nTo: klachten@focus.example\r\n"
            f"Subject: Klacht {i} over de begeleiding\r\nMessage-ID: <bench-{i}@example.org>\r\n"
            "Date: Tue, 1 Dec 2026 10:00:00 +0100\r\nMIME-Version: 1.0\r\n"
            "Content-Type: multipart/mixed; boundary=grens\r\n\r\n").encode()
    text = ("--grens\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            + "Geachte heer, mevrouw,\r\n\r\nDe afspraak van vorige week is niet nagekomen. " * 8
            + f"\r\n\r\nMet vriendelijke groet,\r\nIndiener {i}\r\n").encode()
    parts = [head, text]
    if i % 3 == 1:
        parts.append(attachment("factuur.pdf", "application/pdf", pdf))
    elif i % 3 == 2:
        parts.append(attachment("foto.png", "image/png", photo))
    parts.append(b"--grens--\r\n")
    with open(f"{folder}/{i:06d}.eml", "wb") as f:
        f.write(b"".join(parts))
PY
echo "== $n messages, $(du -sh "$work/mail" | cut -f1) on disk, $parallel at a time, $backend"

deliver() {  # $1: a label; prints the rate and the outcomes
  : > "$work/out"; : > "$work/rss"
  local started ended
  started=$(date +%s.%N)
  find "$work/mail" -name '*.eml' | sort | xargs -P "$parallel" -I{} sh -c \
    '/usr/bin/time -a -o "$0/rss" -f %M "$1" mail receive --db "$2" --org focus < "{}" >> "$0/out"' \
    "$work" "$bin/meldpunt" "$db"
  ended=$(date +%s.%N)
  python3 - "$1" "$n" "$started" "$ended" "$work/out" "$work/rss" <<'PY'
import collections, sys
label, n, started, ended = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
outcomes = collections.Counter(line.split()[0] for line in open(sys.argv[5]) if line.strip())
rss = [int(line) for line in open(sys.argv[6]) if line.strip().isdigit()]
took = ended - started
print(f"{label}: {n} messages in {took:.1f} s = {n / took:.0f} messages/s; "
      f"{dict(outcomes)}; largest receive process {max(rss) / 1024:.1f} MB")
PY
}
deliver "first delivery"
deliver "delivered again"
