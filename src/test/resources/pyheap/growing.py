"""A CPython program with a slow leak, snapshotted with pyheap.py after each step.

Usage: growing.py <pyheap.py dir> <out dir> <steps>. Each step puts 1,000 more Leaks into the global dict
LEAKS, while it churns noise: 50,000 Noise objects made and dropped, the last 500 kept in the global list
RECENT, which is refilled, never grown. Writes step-1.pyheap.gz, step-2.pyheap.gz, ... into the out dir.
"""
import os
import sys

sys.path.insert(0, sys.argv[1])
import pyheap  # noqa: E402

PER_STEP = 1000
CHURN = 50000
KEPT_NOISE = 500


class Leak:
    def __init__(self, number):
        self.number = number
        self.payload = bytearray(64)


class Noise:
    def __init__(self, seed):
        self.values = [seed, seed + 1]


LEAKS = {}
RECENT = [None] * KEPT_NOISE


def churn(seed):
    for i in range(CHURN):
        RECENT[i % KEPT_NOISE] = Noise(seed + i)


def leak(step):
    first = 1000 + (step - 1) * PER_STEP
    for i in range(first, first + PER_STEP):
        LEAKS[i] = Leak(i)


def main():
    out = sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for step in range(1, int(sys.argv[3]) + 1):
        churn(step)
        leak(step)
        churn(step + 1)
        pyheap.dump(os.path.join(out, "step-%d.pyheap.gz" % step))


main()
