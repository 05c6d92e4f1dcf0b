"""Time `kg build` against raw `jieba.cut` (HMM on, one process) over the same generated corpora, in one run.

    python benchmarks/bench_build.py --mb 2,5,10,20

For each size: MB, seconds and MB/s of both, the ratio (kg throughput / jieba.cut throughput; issue 5 targets
>= 5), kg's peak memory (each build runs in its own child process, so its peak RSS is its own) and kg's stage
timings. Then peak memory per MB of text between the smallest and the largest size: linear growth keeps it flat.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate

MEASURE = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
output = subprocess.run(sys.argv[1:], check=True, capture_output=True, text=True).stdout
elapsed = time.perf_counter() - started
print(json.dumps({"seconds": elapsed, "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                  "output": output}))
"""
TIMINGS = re.compile(r"timings: (.*)$", re.MULTILINE)
STAGE = re.compile(r"(\w+) ([\d.]+) s")


def time_jieba(files: list[Path]) -> float:
    """Seconds for jieba.cut over the whole corpus text, dictionary already loaded."""
    import jieba

    jieba.initialize()
    text = "".join(path.read_text(encoding="utf-8") for path in files)
    started = time.perf_counter()
    for _ in jieba.cut(text, HMM=True):
        pass
    return time.perf_counter() - started


def stage_timings(output: str) -> dict[str, float]:
    """Seconds per stage from the `timings:` line `kg build` prints (they are not written to run.json)."""
    found = TIMINGS.search(output)
    return {stage: float(seconds) for stage, seconds in STAGE.findall(found.group(1))} if found else {}


def time_kg(corpus: Path, out: Path, workers: int) -> tuple[float, float, dict]:
    """Seconds, peak RSS in MB (largest process: kg or one of its workers) and run report of `kg build`
    (no cache, no SHACL), with the stage timings it printed as timings_s."""
    command = [sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out), "--no-cache", "--no-validate",
               "--workers", str(workers)]
    measured = json.loads(subprocess.run([sys.executable, "-c", MEASURE, *command], check=True,
                                         capture_output=True, text=True).stdout)
    report = json.loads((out / "run.json").read_text(encoding="utf-8"))
    return measured["seconds"], measured["peak_mb"], {**report, "timings_s": stage_timings(measured["output"])}


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", default="2", help="corpus sizes in MB of UTF-8 text, comma-separated")
    parser.add_argument("--workers", type=int, default=0, help="kg build --workers (0: one per core)")
    args = parser.parse_args()
    rows = []
    for size in (float(x) for x in args.mb.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            corpus = Path(folder) / "corpus"
            files = generate(corpus, size)
            megabytes = sum(path.stat().st_size for path in files) / 1e6
            jieba_seconds = time_jieba(files)
            kg_seconds, peak_mb, report = time_kg(corpus, Path(folder) / "out", args.workers)
        rows.append((len(files), megabytes, jieba_seconds, kg_seconds, peak_mb, report))
    print(f"{'articles':>8} {'MB':>6} {'jieba.cut s':>11} {'MB/s':>6} {'kg build s':>10} {'MB/s':>6} {'ratio':>6} "
          f"{'peak MB':>8} {'MB/MB':>6} {'triples':>9} workers")
    for articles, megabytes, jieba_seconds, kg_seconds, peak_mb, report in rows:
        print(f"{articles:>8} {megabytes:>6.2f} {jieba_seconds:>11.2f} {megabytes / jieba_seconds:>6.2f} "
              f"{kg_seconds:>10.2f} {megabytes / kg_seconds:>6.2f} {jieba_seconds / kg_seconds:>6.3f} {peak_mb:>8.0f} "
              f"{peak_mb / megabytes:>6.0f} {report['triples']:>9,} {report['settings']['workers']}")
    for _, megabytes, _, _, _, report in rows:
        print(f"stages {megabytes:.1f} MB: " + ", ".join(f"{k} {v:.2f} s" for k, v in sorted(report["timings_s"].items())))
    if len(rows) > 1:
        (_, small_mb, *_, small_peak, _), (_, big_mb, *_, big_peak, _) = rows[0], rows[-1]
        print(f"memory growth {(big_peak - small_peak) / (big_mb - small_mb):.0f} MB per MB of text between "
              f"{small_mb:.1f} and {big_mb:.1f} MB")
    print("ratio = kg build MB/s / jieba.cut MB/s (HMM on, one process), same text, same run; target >= 5")


if __name__ == "__main__":
    main()
