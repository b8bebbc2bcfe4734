"""Generated frontends: build time and bundle size per framework, for a 10-entity app.

    python bench/bench_frontend.py [--rounds 3] [--frameworks react vue svelte]

For each framework: generate the school app below, `npm install` (timed once; the npm cache
is warm after the first framework), then `npm run build` (type check + Vite) `--rounds`
times, reporting the median and the spread, and the size of dist/assets (raw and gzip, the
JavaScript and the CSS). The frameworks are built in turn in one process, so each round
sees the same machine. Prints Markdown to paste into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

SCHOOL = (
    "A school: students (name, email, birth date), teachers (name, email, hire date), "
    "departments (name, budget), courses (title, credits, level: intro/advanced), classrooms "
    "(name, capacity), enrollments (enrolled on, grade), exams (title, held at, max score), "
    "assignments (title, due date, weight), guardians (name, phone) and clubs (name, founded "
    "on). Each course belongs to a department and a teacher; an enrollment links a student "
    "and a course; an exam belongs to a course; an assignment belongs to a course; each "
    "guardian belongs to a student; students can join many clubs."
)


def timed(args: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(args, cwd=cwd, check=True, capture_output=True, text=True)
    return time.perf_counter() - start


def sizes(dist: Path) -> dict[str, tuple[int, int]]:
    """Suffix (js, css) -> (raw bytes, gzip bytes) over dist/assets."""
    out: dict[str, tuple[int, int]] = {}
    for suffix in ("js", "css"):
        files = list((dist / "assets").glob(f"*.{suffix}"))
        raw = sum(f.stat().st_size for f in files)
        packed = sum(len(gzip.compress(f.read_bytes(), 9)) for f in files)
        out[suffix] = (raw, packed)
    return out


@dataclass
class Result:
    install: float
    builds: list[float]  # npm run build: type check + vite build
    vite: list[float]  # vite build alone
    js: tuple[int, int]  # raw, gzip bytes
    css: tuple[int, int]


def bench(framework: str, root: Path, rounds: int) -> Result:
    project = root / framework
    tdev = str(Path(sys.executable).with_name("tdev"))
    subprocess.run([tdev, "generate", SCHOOL, "--frontend", framework, "--dir", str(project),
                    "-q"], check=True, capture_output=True)  # fmt: skip
    frontend = project / "frontend"
    install = timed(["npm", "install", "--no-audit", "--no-fund"], frontend)
    builds = [timed(["npm", "run", "build"], frontend) for _ in range(rounds)]
    vite = [timed(["npx", "vite", "build"], frontend) for _ in range(rounds)]
    size = sizes(frontend / "dist")
    return Result(install, builds, vite, size["js"], size["css"])


def kib(n: int) -> str:
    return f"{n / 1024:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--frameworks", nargs="+", default=["react", "vue", "svelte"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tdev-bench-frontend-") as tmp:
        results = {fw: bench(fw, Path(tmp), args.rounds) for fw in args.frameworks}
    print("| framework | npm install | npm run build (median, min-max) | vite build alone "
          "| JS raw / gzip (KiB) | CSS raw / gzip (KiB) |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|")
    for fw, r in results.items():
        print(
            f"| {fw} | {r.install:.1f} s | {statistics.median(r.builds):.1f} s "
            f"({min(r.builds):.1f}-{max(r.builds):.1f}) | {statistics.median(r.vite):.1f} s "
            f"| {kib(r.js[0])} / {kib(r.js[1])} | {kib(r.css[0])} / {kib(r.css[1])} |"
        )


if __name__ == "__main__":
    main()
