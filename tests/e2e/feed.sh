#!/usr/bin/env bash
# End-to-end test of `parley code` on a slow feed: the output is written in
# large blocks (src/io/line_output.h), yet each article's line comes out
# before parley waits for the next article, with 1 and 2 threads, on
# standard output (a pipe) and with --out onto a FIFO. Then the same lines
# as a one-shot run.
# Run by ctest with PARLEY=<binary> SRC=<repo> TMPROOT=<scratch>.
set -uo pipefail
: "${PARLEY:?PARLEY must name the parley binary}" "${SRC:?SRC must name the source tree}" "${TMPROOT:?}"
T="$TMPROOT/feed"
rm -rf "$T" && mkdir -p "$T"
python3 - "$PARLEY" "$T" <<'PY'
import json, os, select, subprocess, sys, time
parley, tmp = sys.argv[1], sys.argv[2]
texts = ["Rebels attacked a convoy near Kabul on Monday.",
         "The president met the prime minister in Istanbul.",
         "Police arrested 12 protesters in Cairo.",
         "Iran accused Israel of the attack."]
records = [json.dumps({"id": "a%d" % i, "text": t}) + "\n" for i, t in enumerate(texts)]
with open(os.path.join(tmp, "all.jsonl"), "w") as f:
    f.writelines(records)
want = subprocess.run([parley, "code", "-q", "--threads", "1", os.path.join(tmp, "all.jsonl")],
                      capture_output=True, check=False).stdout.decode().splitlines(keepends=True)
assert len(want) == len(records), want
fails = 0

def read_line(fd, buf, deadline):
    # One whole line from fd within the deadline, else None.
    while b"\n" not in buf[0]:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            return None
        chunk = os.read(fd, 65536)
        if not chunk:
            return None
        buf[0] += chunk
    line, _, rest = buf[0].partition(b"\n")
    buf[0] = rest
    return (line + b"\n").decode()

for threads in ("1", "2"):
    for mode in ("stdout", "fifo"):
        args = [parley, "code", "-q", "--threads", threads, "--input", "jsonl", "-"]
        if mode == "fifo":
            fifo = os.path.join(tmp, "out.%s.fifo" % threads)
            os.mkfifo(fifo)
            args[2:2] = ["--out", fifo]
        p = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE if mode == "stdout" else None,
                             stderr=subprocess.DEVNULL)
        fd = p.stdout.fileno() if mode == "stdout" else os.open(fifo, os.O_RDONLY)
        buf = [b""]
        # The first start builds or maps the dictionaries: a generous bound.
        for i, rec in enumerate(records):
            p.stdin.write(rec.encode())
            p.stdin.flush()
            got = read_line(fd, buf, time.monotonic() + 60)
            if got != want[i]:
                print("FAIL: threads %s %s: line %d while the feed waits: %r" % (threads, mode, i, got), file=sys.stderr)
                fails += 1
                break
        p.stdin.close()
        rest = read_line(fd, buf, time.monotonic() + 60)
        code = p.wait(timeout=60)
        if rest is not None or code != 0:
            print("FAIL: threads %s %s: after the end: %r, exit %s" % (threads, mode, rest, code), file=sys.stderr)
            fails += 1
        if mode == "fifo":
            os.close(fd)
sys.exit(1 if fails else 0)
PY
rc=$?
[ $rc -eq 0 ] && echo "feed: ok"
exit $rc
