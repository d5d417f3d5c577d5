#!/usr/bin/env python3
"""aof_trace.py APPENDONLYDIR STREAM DOC_ID...: what Redis's append-only
files say happened to the queue entries of each DOC_ID: the entries that
carried it (XADD), the consumers they were delivered or claimed to (XCLAIM,
which is how XREADGROUP and XAUTOCLAIM are written to the AOF), and whether
they were acknowledged (XACK) and deleted (XDEL). The fault test prints this
for articles it finds missing, so that a loss can be traced to a worker.
Only the RESP (incr) files are read; an RDB base holds no history."""
import glob, os, sys


def commands(path):
    data = open(path, "rb").read()
    i, n = 0, len(data)
    while i < n:
        if data[i:i + 1] != b"*":
            i = data.find(b"\n", i) + 1 or n  # not a command (RDB preamble): skip a line
            continue
        end = data.find(b"\r\n", i)
        count = int(data[i + 1:end])
        i = end + 2
        args = []
        for _ in range(count):
            end = data.find(b"\r\n", i)
            size = int(data[i + 1:end])
            args.append(data[end + 2:end + 2 + size])
            i = end + 2 + size + 2
        yield [a.decode("utf-8", "replace") for a in args]


def main():
    aofdir, stream, wanted = sys.argv[1], sys.argv[2], set(sys.argv[3:])
    entries = {}   # entry id -> doc id (only for wanted docs)
    history = {}   # entry id -> [events]
    files = sorted(glob.glob(os.path.join(aofdir, "*.incr.aof")),
                   key=lambda p: int(p.rsplit(".", 3)[-3]))
    for path in files:
        for cmd in commands(path):
            op = cmd[0].upper()
            if op == "XADD" and cmd[1] == stream:
                fields = dict(zip(cmd[3::2], cmd[4::2]))
                if fields.get("id") in wanted:
                    entries[cmd[2]] = fields["id"]
                    history[cmd[2]] = ["added"]
            elif op == "XCLAIM" and cmd[1] == stream:
                # XCLAIM key group consumer min-idle id ... options
                if cmd[5] in history:
                    history[cmd[5]].append("to " + cmd[3])
            elif op in ("XACK", "XDEL") and cmd[1] == stream:
                ids = cmd[3:] if op == "XACK" else cmd[2:]
                for e in ids:
                    if e in history:
                        history[e].append(op.lower())
    for doc in sorted(wanted):
        ids = [e for e, d in entries.items() if d == doc]
        if not ids:
            print(f"  {doc}: no XADD in the append-only files")
        for e in ids:
            print(f"  {doc}: entry {e}: " + ", ".join(history[e]))


main()
