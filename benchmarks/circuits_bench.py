"""How fast are circuits? Resolving every bundled circuit, and a run's reads over HTTP.

Resolving (picks drawn with the feasibility check) runs on every start; the run page and its API
are read on every reload, and each read applies auto-advance. A run page should stay well under
the 100 ms a click may take to feel instant, on SQLite, in process.

    python benchmarks/circuits_bench.py [--rounds 200]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from mockloop.library import load_library
from mockloop.practice import circuits
from mockloop.settings import BUNDLED_PACK, Settings
from mockloop.web.app import create_app


def ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return f"median {statistics.median(ordered):.2f} ms, p95 {p95:.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    options = parser.parse_args()
    library = load_library([BUNDLED_PACK])
    rng = random.Random(1)

    print(f"{len(library.circuits)} circuits, {len(library.prompts)} prompts")
    for circuit in library.circuits.values():
        samples = []
        for _ in range(options.rounds):
            started = time.perf_counter()
            circuits.resolve(circuit, library, rng)
            samples.append((time.perf_counter() - started) * 1000)
        print(f"resolve {circuit.slug:28} {ms(samples)}")

    with tempfile.TemporaryDirectory() as home:
        settings = Settings(home=Path(home))
        with TestClient(create_app(settings, library)) as client:
            timings: dict[str, list[float]] = {
                "start": [],
                "run JSON": [],
                "run page": [],
                "report": [],
            }
            for _ in range(max(1, options.rounds // 4)):
                started = time.perf_counter()
                run = client.post(
                    "/api/v1/circuit-runs", json={"circuit": "pinterest-style-ml-loop"}
                )
                timings["start"].append((time.perf_counter() - started) * 1000)
                rid = run.json()["id"]
                for name, path in (
                    ("run JSON", f"/api/v1/circuit-runs/{rid}"),
                    ("run page", f"/circuit-runs/{rid}"),
                    ("report", f"/api/v1/circuit-runs/{rid}/report"),
                ):
                    started = time.perf_counter()
                    assert client.get(path).status_code == 200
                    timings[name].append((time.perf_counter() - started) * 1000)
            for name, samples in timings.items():
                print(f"HTTP {name:10} (pinterest-style-ml-loop, SQLite) {ms(samples)}")


if __name__ == "__main__":
    main()
