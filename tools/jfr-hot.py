#!/usr/bin/env python3
"""Where a JFR recording's CPU samples go, per Flink task (thread) and per method, self and inclusive.

    jfr print --events jdk.ExecutionSample --stack-depth 64 rec.jfr > samples.txt
    python3 tools/jfr-hot.py samples.txt [--threads REGEX] [--top N]

Only threads whose name matches --threads count (default: Flink's task threads, whose names end in "(i/n)#k").
"""
import argparse
import collections
import re
import sys

parser = argparse.ArgumentParser()
parser.add_argument("samples")
parser.add_argument("--threads", default=r"\(\d+/\d+\)#\d+")
parser.add_argument("--top", type=int, default=25)
args = parser.parse_args()
wanted = re.compile(args.threads)

threads = collections.Counter()
self_time = collections.Counter()
inclusive = collections.Counter()
total = 0
thread, frames, in_stack = None, [], False


def flush():
    global total
    if thread is None or not frames or not wanted.search(thread):
        return
    total += 1
    threads[re.sub(r"\s*\(\d+/\d+\)#\d+$", "", thread)] += 1
    self_time[frames[0]] += 1
    for f in set(frames):
        inclusive[f] += 1


for line in open(args.samples, encoding="utf-8", errors="replace"):
    s = line.strip()
    if s.startswith("jdk.ExecutionSample"):
        flush()
        thread, frames = None, []
    elif s.startswith("sampledThread = "):
        m = re.match(r'sampledThread = "(.*)" \(', s)
        thread = m.group(1) if m else s
    elif s == "stackTrace = [":
        in_stack = True
    elif s == "]" or s == "...":
        in_stack = False
    elif in_stack:
        frames.append(re.sub(r"\s+line:.*", "", s))
flush()

if total == 0:
    sys.exit("no samples from threads matching " + args.threads)
print(f"{total} samples in matching threads\n\nby task:")
for t, n in threads.most_common(args.top):
    print(f"{100 * n / total:6.1f}%  {t}")
print("\nself (top frame):")
for f, n in self_time.most_common(args.top):
    print(f"{100 * n / total:6.1f}%  {f}")
print("\ninclusive (roadstream and serializer/state frames):")
shown = 0
for f, n in inclusive.most_common():
    if re.search(r"io\.roadstream|Serializer|StateMap|StateTable|TimerService|HeapPriorityQueue|Jackson|jackson|"
                 r"RecordWriter|emitRecord|SpillingAdaptiveSpanningRecordDeserializer|KafkaProducer|KafkaWriter", f):
        print(f"{100 * n / total:6.1f}%  {f}")
        shown += 1
        if shown >= args.top:
            break
