"""How recordings keep up: a one-hour recording uploaded in 2-second chunks, finished, and seeked.

The recording is generated in the layout Chromium's MediaRecorder writes (a live WebM: no
duration, clusters of unknown size, no cues), with the block rate and bitrate of a camera at
24 frames a second plus 60 ms Opus frames: about 1 Mbit/s for "video", 64 kbit/s for "audio".
It goes through the real app in-process (routing, the chunk protocol, SQLite, the file on disk).
The recorder sends a chunk every 2 seconds, so a chunk must be stored well within that; finishing
happens once, when recording stops.

    .venv/bin/python benchmarks/recordings_bench.py
"""

from __future__ import annotations

import statistics
import struct
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from mockloop.library import load_library
from mockloop.settings import BUNDLED_PACK, Settings
from mockloop.web.app import create_app

FIXTURE = Path(__file__).parents[1] / "tests" / "data" / "chromium-fake-mic-5s.webm"
SECONDS = 3600
CHUNK_SECONDS = 2
MAX_CHUNK_MS = 500  # a quarter of the timeslice


def live_webm(seconds: int, video: bool) -> list[bytes]:
    """Chunks of a live WebM, one per CHUNK_SECONDS, each starting a cluster (as Chromium does)."""
    fixture = FIXTURE.read_bytes()
    header = fixture[: fixture.index(b"\x1f\x43\xb6\x75")]  # EBML, Segment, Info, Tracks
    clusters = []
    for start in range(0, seconds, CHUNK_SECONDS):
        blocks = [(ms, 1, 480) for ms in range(0, CHUNK_SECONDS * 1000, 60)]
        if video:
            blocks += [(round(i * 1000 / 24), 2, 5200) for i in range(CHUNK_SECONDS * 24)]
        body = b"\xe7\x84" + struct.pack(">I", start * 1000)
        for ms, track, size in sorted(blocks):
            payload = bytes([0x80 | track]) + struct.pack(">hB", ms, 0x80) + b"\x5a" * size
            body += b"\xa3" + (0x10000000 | len(payload)).to_bytes(4, "big") + payload
        clusters.append(b"\x1f\x43\xb6\x75\x01\xff\xff\xff\xff\xff\xff\xff" + body)
    chunks = [header + clusters[0], *clusters[1:]]
    return chunks


def run(kind: str, video: bool) -> bool:
    chunks = live_webm(SECONDS, video)
    total = sum(len(c) for c in chunks)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            home=Path(tmp) / "home",
            database_url=f"sqlite:///{tmp}/bench.db",
            max_body_bytes=4_000_000,
        )
        app = create_app(settings, load_library([BUNDLED_PACK]))
        with TestClient(app) as client:
            aid = client.post("/api/v1/attempts", json={"prompt": "web-crawler"}).json()["id"]
            mime = "video/webm;codecs=vp8,opus" if video else "audio/webm;codecs=opus"
            rec = client.post(
                f"/api/v1/attempts/{aid}/recordings", json={"kind": kind, "mime_type": mime}
            ).json()
            times = []
            for seq, data in enumerate(chunks):
                t0 = time.perf_counter()
                response = client.put(
                    f"/api/v1/attempts/{aid}/recordings/{rec['id']}/chunks/{seq}",
                    content=data,
                    headers={"Content-Type": "application/octet-stream"},
                )
                times.append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200, response.text
            t0 = time.perf_counter()
            done = client.post(f"/api/v1/attempts/{aid}/recordings/{rec['id']}/finish").json()
            finish_s = time.perf_counter() - t0
            middle = done["size_bytes"] // 2
            t0 = time.perf_counter()
            part = client.get(done["url"], headers={"Range": f"bytes={middle}-{middle + 999_999}"})
            seek_ms = (time.perf_counter() - t0) * 1000
            assert part.status_code == 206 and len(part.content) == 1_000_000

    times.sort()
    p95 = times[int(len(times) * 0.95)]
    print(
        f"{kind:5} 1 h, {total / 1e6:6.1f} MB in {len(chunks)} chunks: "
        f"chunk median {statistics.median(times):5.1f} ms, p95 {p95:5.1f} ms, max {times[-1]:6.1f} ms; "
        f"finish {finish_s:5.2f} s (duration {done['duration_seconds']:.1f} s); "
        f"1 MB range from the middle {seek_ms:5.1f} ms"
    )
    return p95 <= MAX_CHUNK_MS and abs(done["duration_seconds"] - SECONDS) < 1


if __name__ == "__main__":
    ok = run("audio", video=False) & run("video", video=True)
    print("ok" if ok else f"FAILED: a chunk's p95 is over {MAX_CHUNK_MS} ms or the length is wrong")
    sys.exit(0 if ok else 1)
