#!/usr/bin/env python3
"""Hot methods of a JFR recording (JDK 17's `jfr` has no `view`): counts execution samples by top frame, and by the
first frame of our own code (io.tandemcc) on the stack, so a profile of the server under `make bench` reads quickly.

  jfr print --events jdk.ExecutionSample server.jfr | python3 bench/tools/jfr-hot.py [top-n [from [to]]]

from/to (HH:MM:SS, as `jfr print` shows startTime) keep only the samples of one phase, e.g. the steady load.
"""
import collections
import re
import sys

top_n = int(sys.argv[1]) if len(sys.argv) > 1 else 25
since = sys.argv[2] if len(sys.argv) > 2 else "00:00:00"
until = sys.argv[3] if len(sys.argv) > 3 else "99:99:99"
top = collections.Counter()
ours = collections.Counter()
threads = collections.Counter()
samples = 0
frames = []
thread = None
when = None


def flush():
    global samples
    if not frames or when is None or not (since <= when <= until):
        return
    samples += 1
    top[frames[0]] += 1
    own = next((f for f in frames if f.startswith("io.tandemcc.")), None)
    ours[own or "(no io.tandemcc frame) " + frames[-1]] += 1
    threads[re.sub(r"-\d+$", "-N", thread or "?")] += 1


for line in sys.stdin:
    line = line.rstrip()
    if line.startswith("jdk.ExecutionSample"):
        flush()
        frames = []
        thread = None
        when = None
    m = re.match(r"\s+startTime = (\d\d:\d\d:\d\d)", line)
    if m:
        when = m.group(1)
    m = re.match(r'\s+sampledThread = "([^"]*)"', line)
    if m:
        thread = m.group(1)
    m = re.match(r"\s+([\w.$<>]+)\(.*\)\s+line:", line)
    if m:
        frames.append(m.group(1))
flush()
print(f"{samples} samples")
for title, c in (("top frame", top), ("first io.tandemcc frame", ours), ("thread", threads)):
    print(f"\n-- by {title}")
    for name, n in c.most_common(top_n):
        print(f"{100.0 * n / samples:5.1f}%  {name}")
