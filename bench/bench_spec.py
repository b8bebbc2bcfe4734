"""`tdev spec` speed: per description in process (English and Korean), the Korean analyser's
one-time load, and the whole `tdev spec` process for an English description.

    python bench/bench_spec.py [--repeat 5] [--process-runs 11] [FILE ...]

Descriptions come from labelled sets (default: eval/labelled.json and eval/holdout.json).
Baselines measured in the same run: the bare interpreter, and importing the CLI.
Prints Markdown to paste into docs/benchmarks.md with the machine and date.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tdeveloper.pipeline import parse
from tdeveloper.pipeline.nlp.hangul import is_korean

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = [ROOT / "eval" / "labelled.json", ROOT / "eval" / "holdout.json"]
_KOREAN_LOAD = (
    "import time; t=time.perf_counter(); "
    "from tdeveloper.pipeline.nlp import understand; understand('회원은 도서를 빌린다.'); "
    "first=time.perf_counter()-t; t=time.perf_counter(); understand('회원은 도서를 빌린다.'); "
    "print(first, time.perf_counter()-t)"
)


def prompts(paths: list[Path]) -> list[str]:
    return [c["prompt"] for p in paths for c in json.loads(p.read_text("utf-8"))["cases"]]


def per_description(texts: list[str], repeat: int) -> list[float]:
    """Median seconds of each description over `repeat` warm runs."""
    for text in texts:
        parse(text)  # warm: catalogs, analyser and caches load once per process
    out = []
    for text in texts:
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            parse(text)
            runs.append(time.perf_counter() - start)
        out.append(statistics.median(runs))
    return out


def _timed(command: list[str], runs: int) -> list[float]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        out.append(time.perf_counter() - start)
    return out


def korean_load(runs: int) -> tuple[float, float]:
    """(first Korean description, the same again) in fresh processes, median seconds."""
    pairs = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", _KOREAN_LOAD], check=True, capture_output=True, text=True
        )
        first, again = (float(x) for x in done.stdout.split())
        pairs.append((first, again))
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def _row(name: str, seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return f"| {name} | {len(ms)} | {statistics.median(ms):.1f} | {p95:.1f} | {ms[-1]:.1f} |"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--process-runs", type=int, default=11)
    args = parser.parse_args()
    texts = prompts(args.files)
    english = [t for t in texts if not is_korean(t)]
    korean = [t for t in texts if is_korean(t)]
    tdev = str(Path(sys.executable).with_name("tdev"))
    sample = english[0]
    print("| in process (`parse`, warm) | descriptions | median ms | p95 ms | max ms |")
    print("|---|---|---|---|---|")
    print(_row("English", per_description(english, args.repeat)))
    print(_row("Korean", per_description(korean, args.repeat)))
    first, again = korean_load(max(3, args.process_runs // 3))
    print(
        f"\nKorean analyser, fresh process: first description {first * 1000:.0f} ms, "
        f"the same description again {again * 1000:.0f} ms (load = the difference)\n"
    )
    print("| whole process | runs | median ms | p95 ms | max ms |")
    print("|---|---|---|---|---|")
    print(
        _row("python -c pass (baseline)", _timed([sys.executable, "-c", "pass"], args.process_runs))
    )
    print(
        _row(
            "import tdeveloper.cli (baseline)",
            _timed([sys.executable, "-c", "import tdeveloper.cli"], args.process_runs),
        )
    )
    print(_row("`tdev spec` English", _timed([tdev, "spec", sample], args.process_runs)))


if __name__ == "__main__":
    main()
