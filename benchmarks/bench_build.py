"""Time `kg build` against raw `jieba.cut` (HMM on, one process) over the same generated corpus, in one run.

    python benchmarks/bench_build.py --mb 2

Prints MB, seconds, MB/s for both, the ratio (kg throughput / jieba.cut throughput; issue 5 targets >= 5) and
kg's peak memory (the build runs in a child process so its peak RSS is its own).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate


def time_jieba(files: list[Path]) -> float:
    """Seconds for jieba.cut over the whole corpus text, dictionary already loaded."""
    import jieba

    jieba.initialize()
    text = "".join(path.read_text(encoding="utf-8") for path in files)
    started = time.perf_counter()
    for _ in jieba.cut(text, HMM=True):
        pass
    return time.perf_counter() - started


def time_kg(corpus: Path, out: Path, workers: int) -> tuple[float, dict]:
    """Seconds and run report of `kg build` (no cache, no SHACL) in a child process."""
    command = [sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out), "--no-cache", "--no-validate",
               "--workers", str(workers)]
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    elapsed = time.perf_counter() - started
    return elapsed, json.loads((out / "run.json").read_text(encoding="utf-8"))


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=2.0, help="corpus size in MB of UTF-8 text")
    parser.add_argument("--workers", type=int, default=0, help="kg build --workers (0: one per core)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus"
        files = generate(corpus, args.mb)
        megabytes = sum(path.stat().st_size for path in files) / 1e6
        jieba_seconds = time_jieba(files)
        kg_seconds, report = time_kg(corpus, Path(folder) / "out", args.workers)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"corpus      {len(files)} articles, {megabytes:.2f} MB")
    print(f"jieba.cut   {jieba_seconds:7.2f} s  {megabytes / jieba_seconds:6.2f} MB/s")
    print(f"kg build    {kg_seconds:7.2f} s  {megabytes / kg_seconds:6.2f} MB/s  peak RSS {peak_mb:.0f} MB  "
          f"workers {report['settings']['workers']}")
    print(f"ratio       {jieba_seconds / kg_seconds:.3f} (kg throughput / jieba.cut throughput; target >= 5)")
    print("kg stages   " + ", ".join(f"{k} {v:.2f} s" for k, v in sorted(report["timings_s"].items())))


if __name__ == "__main__":
    main()
