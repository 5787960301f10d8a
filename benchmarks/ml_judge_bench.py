"""How fast is an ML verdict? A torch prompt judged cold and warm, against a cold
`python -c "import torch"`, measured in the same run.

Target (issue 6): a torch prompt's verdict in a warm run takes at most a quarter of a cold
`python -c "import torch"`. Rounds interleave the measurements, so a busy machine slows them
all alike; the table gives medians and minima, and the ratio of the medians.

    python benchmarks/ml_judge_bench.py [--rounds 8] [--prompt multi-head-attention]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from mockloop.judge import sandbox, warm
from mockloop.judge.judge import judge
from mockloop.settings import BUNDLED_PACK

ML = BUNDLED_PACK / "prompts" / "ml-coding"


def import_torch() -> float:
    """A cold interpreter importing torch: the same interpreter and packages the app uses."""
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import torch"], check=True, env=env)
    return (time.perf_counter() - started) * 1000


def verdict_time(folder: Path, code: str, warm_run: bool) -> float:
    started = time.perf_counter()
    verdict = judge(folder, code, warm=warm_run)
    elapsed = (time.perf_counter() - started) * 1000
    assert verdict.passed, verdict.message
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--prompt", default="multi-head-attention")
    parser.add_argument("--numpy-prompt", default="top-k-top-p-sampling")
    args = parser.parse_args()
    if sandbox.sandbox_status().kind != "bubblewrap":
        print("skipped: warm runs need bubblewrap; this machine runs rlimits-only")
        return
    if sandbox.missing_packages(("torch",)):
        print("skipped: torch is not installed (pip install 'mockloop[ml]')")
        return
    folder, numpy_folder = ML / args.prompt, ML / args.numpy_prompt
    code = (folder / "solution.py").read_text()
    numpy_code = (numpy_folder / "solution.py").read_text()

    started = time.perf_counter()
    assert judge(folder, code, warm=True).passed  # starts the torch server
    assert judge(numpy_folder, numpy_code, warm=True).passed  # and the numpy one
    startup = (time.perf_counter() - started) * 1000

    rows: dict[str, list[float]] = {
        'cold python -c "import torch"': [],
        f"verdict, cold run ({args.prompt})": [],
        f"verdict, warm run ({args.prompt})": [],
        f"verdict, cold run ({args.numpy_prompt})": [],
        f"verdict, warm run ({args.numpy_prompt})": [],
    }
    names = list(rows)
    for _ in range(args.rounds):
        rows[names[0]].append(import_torch())
        rows[names[1]].append(verdict_time(folder, code, warm_run=False))
        rows[names[2]].append(verdict_time(folder, code, warm_run=True))
        rows[names[3]].append(verdict_time(numpy_folder, numpy_code, warm_run=False))
        rows[names[4]].append(verdict_time(numpy_folder, numpy_code, warm_run=True))

    print(f"{args.rounds} rounds; load average {os.getloadavg()[0]:.1f}; {os.cpu_count()} cores")
    print(f"starting both warm servers (first verdicts included): {startup:.0f} ms")
    for state in warm.status():
        print(f"  server {'+'.join(state['preload'])}: imports took {state['import_ms']} ms")
    print()
    baseline = statistics.median(rows[names[0]])
    print(f"{'measurement':52} {'median ms':>10} {'min ms':>9} {'vs import torch':>16}")
    for name, values in rows.items():
        median = statistics.median(values)
        ratio = f"{median / baseline:.3f}x" if name != names[0] else ""
        print(f"{name:52} {median:10.1f} {min(values):9.1f} {ratio:>16}")
    warm_ratio = statistics.median(rows[names[2]]) / baseline
    verdict = "within" if warm_ratio <= 0.25 else "OVER"
    print(
        f"\nwarm torch verdict / cold import torch = {warm_ratio:.3f} ({verdict} the 0.25 target)"
    )
    warm.shutdown()
    if warm_ratio > 0.25:
        sys.exit(1)


if __name__ == "__main__":
    main()
