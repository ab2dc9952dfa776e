#!/usr/bin/env python3
"""The loading floor of a Python script doing this job: PyYAML's C loader
(CSafeLoader, libyaml underneath) reads every dataset file into Python objects,
on one core, and nothing else is done. A hand-written script would spend this
and then build its briefs and render them. Prints the median seconds of RUNS.

    python3 Benchmarks/baseline/pyyaml_load.py BRIEFS_DIR [RUNS]
"""
import os
import statistics
import sys
import time

import yaml


def files(briefs):
    found = []
    for folder, dirs, names in os.walk(os.path.join(briefs, "data")):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [os.path.join(folder, n) for n in names if n.endswith(".yaml") and not n.startswith(".")]
    found += [os.path.join(briefs, n) for n in os.listdir(briefs) if n.endswith(".yaml") and not n.startswith(".")]
    return sorted(found)


def main():
    briefs = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    paths = files(briefs)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        records = 0
        for path in paths:
            with open(path, "rb") as handle:
                document = yaml.load(handle, Loader=yaml.CSafeLoader)
            if isinstance(document, dict):
                records += sum(len(v) for v in document.values() if isinstance(v, list))
        times.append(time.perf_counter() - start)
    print(f"{statistics.median(times):.3f} {len(paths)} {records}")


if __name__ == "__main__":
    main()
