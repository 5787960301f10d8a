"""How fast is a verdict? Compares judge() on lru-cache with a bare interpreter's start-up.

Target (issue 5): a pure-Python prompt's verdict within 2x (bare start-up + the tests' own
run time). Rounds interleave the measurements, so a busy machine slows them all alike.

    python benchmarks/judge_bench.py [--rounds 30] [--prompt lru-cache]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from mockloop.judge import harness, sandbox
from mockloop.judge.judge import judge
from mockloop.settings import BUNDLED_PACK


def tests_in_process(folder: Path) -> float:
    """Milliseconds the prompt's tests take on its reference solution, warm, in this process."""
    sys.modules["harness"] = harness
    tests = type(sys)("tests")
    exec(compile((folder / "tests.py").read_text(), "tests.py", "exec"), tests.__dict__)
    solution = type(sys)("solution")
    exec(compile((folder / "solution.py").read_text(), "solution.py", "exec"), solution.__dict__)
    cases = [value for name, value in vars(tests).items() if name.startswith("test_")]
    started = time.perf_counter()
    for case in cases:
        case(solution)
    return (time.perf_counter() - started) * 1000


def bare_start() -> float:
    started = time.perf_counter()
    subprocess.run([sandbox._interpreter(), "-I", "-S", "-c", "pass"], check=True)
    return (time.perf_counter() - started) * 1000


def verdict_time(folder: Path, code: str, mode: str) -> float:
    os.environ["MOCKLOOP_SANDBOX"] = mode
    sandbox.sandbox_status(refresh=mode != sandbox.sandbox_status().kind.split("-")[0])
    started = time.perf_counter()
    verdict = judge(folder, code)
    elapsed = (time.perf_counter() - started) * 1000
    assert verdict.passed, verdict.message
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--prompt", default="lru-cache")
    options = parser.parse_args()
    folder = BUNDLED_PACK / "prompts" / "coding" / options.prompt
    code = (folder / "solution.py").read_text()
    modes = ["bubblewrap"] if sandbox.bubblewrap_problem() is None else []
    modes.append("rlimits")
    for mode in modes:  # warm-up: detection, ldd cache, compiled harness
        verdict_time(folder, code, mode)
    tests_in_process(folder)

    samples: dict[str, list[float]] = {"bare": [], "tests": []}
    samples.update({mode: [] for mode in modes})
    for _ in range(options.rounds):
        samples["bare"].append(bare_start())
        samples["tests"].append(tests_in_process(folder))
        for mode in modes:
            samples[mode].append(verdict_time(folder, code, mode))
    median = {name: statistics.median(values) for name, values in samples.items()}
    budget = median["bare"] + median["tests"]

    print(f"judge benchmark: {options.prompt}, {options.rounds} rounds, {os.cpu_count()} cores")
    print(f"{'measurement':44} {'median ms':>10} {'min ms':>8} {'ratio':>7}")
    rows = [
        ("bare start-up (python3 -I -S -c pass)", "bare"),
        ("tests' own run time (in process, warm)", "tests"),
    ]
    for name, key in rows:
        print(f"{name:44} {median[key]:10.1f} {min(samples[key]):8.1f}")
    print(f"{'budget: start-up + tests':44} {budget:10.1f}")
    for mode in modes:
        ratio = median[mode] / budget
        verdict = "within 2x" if ratio <= 2 else "OVER 2x"
        label = f"verdict via judge() ({'bubblewrap' if mode == 'bubblewrap' else 'rlimits-only'})"
        print(f"{label:44} {median[mode]:10.1f} {min(samples[mode]):8.1f} {ratio:6.2f}x  {verdict}")


if __name__ == "__main__":
    main()
