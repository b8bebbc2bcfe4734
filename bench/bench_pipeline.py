"""Pipeline benchmark: per-stage and whole-pipeline time for 1, 10, 50 and 200 entities,
and whole-process time of `tdev generate` for a 10-entity description.

    python bench/bench_pipeline.py [--repeat 7] [--sizes 1,10,50,200] [--process-runs 11]

Prints a Markdown table (paste it into docs/benchmarks.md with the machine and date).
Cost per entity is shown so growth can be compared with linear.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tdeveloper.pipeline import STAGE_NAMES, generate
from tdeveloper.spec import GenerateOptions

_PLACES = ["garden", "harbor", "museum", "studio", "market", "clinic", "school", "farm",
           "hotel", "depot", "lab", "office", "stadium", "theatre", "airport", "bakery",
           "gallery", "library", "station", "workshop"]  # fmt: skip
_THINGS = ["report", "ticket", "invoice", "booking", "shipment", "review", "visit", "permit",
           "license", "schedule"]  # fmt: skip
_FIELDS = "name, email, price, due date, status (open, closed), active flag"


def description(entities: int) -> str:
    """A bullet-list brief with `entities` distinct entities, each (but the first) naming the
    previous one as a field, which makes a many-to-one relation. 200 entities fit in the
    20,000-character limit."""
    names = [f"{p} {t}" for t in _THINGS for p in _PLACES][:entities]
    lines = ["Operations system"]
    for i, name in enumerate(names):
        parent = f", {names[i - 1]}" if i else ""
        lines.append(f"- {name.capitalize()}s: {_FIELDS}{parent}")
    return "\n".join(lines)


def bench_in_process(entities: int, repeat: int) -> tuple[dict[str, float], float, int]:
    text = description(entities)
    generate(text)  # warm: template compilation and catalog loading happen once per process
    stage_runs: dict[str, list[float]] = {s: [] for s in STAGE_NAMES}
    totals = []
    found = 0
    for _ in range(repeat):
        started = time.perf_counter()
        result = generate(text, GenerateOptions())
        totals.append(time.perf_counter() - started)
        for stage, seconds in result.timings.items():
            stage_runs[stage].append(seconds)
        assert result.state.parsed is not None
        found = len(result.state.parsed.spec.entities)
    medians = {s: statistics.median(v) for s, v in stage_runs.items()}
    return medians, statistics.median(totals), found


def _timed(command: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return times[1:]  # the first run warms the OS file cache


def bench_process(runs: int) -> dict[str, list[float]]:
    """`tdev generate` for 10 entities, beside two baselines measured in the same run: the
    bare interpreter and importing the CLI, so noise and the fixed costs are visible."""
    tdev = str(Path(sys.executable).with_name("tdev"))
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "out.zip")
        return {
            "python -c pass": _timed([sys.executable, "-c", "pass"], runs),
            "import tdeveloper.cli": _timed([sys.executable, "-c", "import tdeveloper.cli"], runs),
            "tdev generate (10 entities)": _timed(
                [tdev, "generate", description(10), "-o", out, "-q", "--force"], runs
            ),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--sizes", default="1,10,50,200")
    parser.add_argument("--process-runs", type=int, default=11)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    cpu = platform.processor() or platform.machine()
    print(f"machine: {cpu}, {os.cpu_count()} cores, python {platform.python_version()}\n")
    head = "| entities (found) | " + " | ".join(STAGE_NAMES) + " | total | ms per entity |"
    print(head)
    print("|" + "---|" * (len(STAGE_NAMES) + 3))
    for size in sizes:
        stages, total, found = bench_in_process(size, args.repeat)
        cells = " | ".join(f"{stages[s] * 1000:.1f}" for s in STAGE_NAMES)
        print(f"| {size} ({found}) | {cells} | {total * 1000:.1f} | {total * 1000 / size:.2f} |")
    print(f"\nwhole process, {args.process_runs} runs each (ms):\n")
    print("| command | median | min | max |\n|---|---|---|---|")
    for name, times in bench_process(args.process_runs).items():
        ms = [t * 1000 for t in times]
        print(f"| {name} | {statistics.median(ms):.0f} | {min(ms):.0f} | {max(ms):.0f} |")


if __name__ == "__main__":
    main()
