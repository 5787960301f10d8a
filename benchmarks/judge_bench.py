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


class Server:
    """`mockloop serve` on a free port with a throwaway data directory."""

    def __enter__(self) -> Server:
        import socket
        import tempfile

        import httpx

        self.home = tempfile.TemporaryDirectory()
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        env = {**os.environ, "MOCKLOOP_HOME": self.home.name, "PORT": str(port)}
        env.pop("MOCKLOOP_DATABASE_URL", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mockloop", "serve"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60)
        deadline = time.monotonic() + 60
        while True:
            try:
                if self.client.get("/healthz").status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("the server did not start")
            time.sleep(0.1)

    def verdict_time(self, prompt: str, code: str) -> float:
        started = time.perf_counter()
        response = self.client.post("/api/v1/submissions", json={"prompt": prompt, "code": code})
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 201 and response.json()["passed"], response.text
        return elapsed

    def __exit__(self, *exc: object) -> None:
        self.client.close()
        self.process.terminate()
        self.process.wait(timeout=10)
        self.home.cleanup()


def cli_check_time(folder: Path, code: str, home: Path) -> float:
    """The whole `mockloop check` command: interpreter, CLI start-up, judging, recording."""
    solution = home / "lru_cache.py"
    solution.write_text(code)
    env = {**os.environ, "MOCKLOOP_HOME": str(home)}
    env.pop("MOCKLOOP_DATABASE_URL", None)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mockloop", "check", str(solution), "--prompt", folder.name, "--json"],
        env=env, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return (time.perf_counter() - started) * 1000


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
    os.environ.pop("MOCKLOOP_SANDBOX", None)

    import tempfile

    samples: dict[str, list[float]] = {"bare": [], "tests": [], "api": [], "cli": []}
    samples.update({mode: [] for mode in modes})
    with Server() as server, tempfile.TemporaryDirectory() as cli_home:
        server.verdict_time(options.prompt, code)  # warm-up
        cli_check_time(folder, code, Path(cli_home))
        for _ in range(options.rounds):
            samples["bare"].append(bare_start())
            samples["tests"].append(tests_in_process(folder))
            for mode in modes:
                samples[mode].append(verdict_time(folder, code, mode))
            os.environ.pop("MOCKLOOP_SANDBOX", None)
            samples["api"].append(server.verdict_time(options.prompt, code))
            if _ % 5 == 0:
                samples["cli"].append(cli_check_time(folder, code, Path(cli_home)))
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
    ratio = median["api"] / budget
    verdict = "within 2x" if ratio <= 2 else "OVER 2x"
    label = "verdict via the server's API (POST)"
    print(f"{label:44} {median['api']:10.1f} {min(samples['api']):8.1f} {ratio:6.2f}x  {verdict}")
    label = "mockloop check (whole CLI command)"
    print(
        f"{label:44} {median['cli']:10.1f} {min(samples['cli']):8.1f} {median['cli'] / budget:6.2f}x"
    )


if __name__ == "__main__":
    main()
