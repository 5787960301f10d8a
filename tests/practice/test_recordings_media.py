"""Finishing recording files: a live WebM from Chromium becomes a file players can seek in, and a
file cut off mid-write (a closed tab) still plays. The checks walk the output independently."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from mockloop.practice.recordings_media import container_of, finish_file, sniff, starts_new_file

WEBM = (Path(__file__).parents[1] / "data" / "chromium-fake-mic-5s.webm").read_bytes()
CLUSTER, CUES, SEGMENT, INFO = 0x1F43B675, 0x1C53BB6B, 0x18538067, 0x1549A966


def vint(data: bytes, at: int, marker: bool) -> tuple[int, int]:
    length = 9 - data[at].bit_length()
    value = int.from_bytes(data[at : at + length], "big")
    return (value if marker else value & ((1 << (7 * length)) - 1)), length


def elements(data: bytes, start: int, end: int) -> list[tuple[int, int, int, int]]:
    """(id, start, payload start, payload end) of each element from start to end; sizes must be known."""
    out, at = [], start
    while at < end:
        element_id, id_len = vint(data, at, marker=True)
        size, size_len = vint(data, at + id_len, marker=False)
        assert size != (1 << (7 * size_len)) - 1, f"unknown size at {at}"
        payload = at + id_len + size_len
        assert payload + size <= end, f"element {element_id:x} at {at} runs past the end"
        out.append((element_id, at, payload, payload + size))
        at = payload + size
    return out


def finished(tmp_path: Path, data: bytes, container: str = "webm"):
    path = tmp_path / f"rec.{container}"
    path.write_bytes(data)
    result = finish_file(path, len(data), container)
    return result, path.read_bytes()


def segment_of(data: bytes) -> tuple[int, int, list]:
    top = elements(data, 0, len(data))
    assert [e[0] for e in top][1:] == [SEGMENT] and top[-1][3] == len(data)
    _, _, start, end = top[1]
    return start, end, elements(data, start, end)


def test_a_live_webm_gets_a_duration_sized_clusters_and_cues_that_point_at_them(tmp_path):
    result, out = finished(tmp_path, WEBM)
    assert result.size == len(out)
    assert result.duration_seconds == pytest.approx(4.98, abs=0.1)
    seg_start, _, children = segment_of(out)
    ids = [c[0] for c in children]
    assert ids[0] == 0x114D9B74 and INFO in ids and ids[-1] == CUES
    clusters = [c for c in children if c[0] == CLUSTER]
    assert len(clusters) == 3

    info = next(c for c in children if c[0] == INFO)
    fields = {e[0]: out[e[2] : e[3]] for e in elements(out, info[2], info[3])}
    assert struct.unpack(">d", fields[0x4489])[0] / 1000 == result.duration_seconds

    cues = children[-1]
    positions = []
    for point in elements(out, cues[2], cues[3]):
        for track_positions in elements(out, point[2], point[3]):
            if track_positions[0] == 0xB7:
                for field in elements(out, track_positions[2], track_positions[3]):
                    if field[0] == 0xF1:
                        positions.append(int.from_bytes(out[field[2] : field[3]], "big"))
    assert [seg_start + p for p in positions] == [c[1] for c in clusters]


def test_finishing_a_finished_file_changes_nothing(tmp_path):
    first, once = finished(tmp_path, WEBM)
    second, twice = finished(tmp_path, once)
    assert twice == once and second == first


def test_a_webm_cut_off_mid_block_keeps_every_complete_block(tmp_path):
    cut = WEBM[:20_000]  # inside the second cluster, in the middle of a block
    result, out = finished(tmp_path, cut)
    assert 1.5 < result.duration_seconds < 3.5
    _, _, children = segment_of(out)  # walks to the last byte: nothing half-written is left
    assert [c[0] for c in children].count(CLUSTER) == 2
    assert len(out) < len(cut) + 200


def test_bytes_that_are_not_a_webm_are_left_as_they_are(tmp_path):
    junk = b"\x1a\x45\xdf\xa3" + b"\xff" * 100
    result, out = finished(tmp_path, junk)
    assert out == junk and result.duration_seconds is None


def ogg_page(granule: int, payload: bytes, first: bool = False) -> bytes:
    lacing = bytes([255] * (len(payload) // 255) + [len(payload) % 255])
    header = struct.pack("<4sBBqIII", b"OggS", 0, 2 if first else 0, granule, 7, 0, 0)
    return header + bytes([len(lacing)]) + lacing + payload


def test_an_ogg_opus_recording_is_cut_to_whole_pages_and_timed_by_its_last_granule(tmp_path):
    head = b"OpusHead" + bytes([1, 1]) + struct.pack("<HI", 312, 48_000) + b"\0\0\0"
    pages = [
        ogg_page(0, head, first=True),
        ogg_page(0, b"OpusTags" + b"\0" * 8),
        ogg_page(312 + 48_000, b"a" * 300),
        ogg_page(312 + 2 * 48_000, b"b" * 300),
    ]
    data = b"".join(pages)
    result, out = finished(tmp_path, data + pages[3][:40], "ogg")
    assert out == data
    assert result.duration_seconds == 2.0


def test_an_mp4_recording_is_cut_to_whole_boxes(tmp_path):
    ftyp = struct.pack(">I4s", 16, b"ftyp") + b"isom\0\0\0\0"
    moov = struct.pack(">I4s", 12, b"moov") + b"\0" * 4
    mdat = struct.pack(">I4s", 1000, b"mdat") + b"\0" * 100  # cut off
    result, out = finished(tmp_path, ftyp + moov + mdat, "mp4")
    assert out == ftyp + moov and result.size == len(out) and result.duration_seconds is None


@pytest.mark.parametrize(
    ("head", "container"),
    [
        (WEBM[:64], "webm"),
        (b"OggS\x00\x02" + b"\0" * 30, "ogg"),
        (b"\0\0\0\x18ftypmp42" + b"\0" * 12, "mp4"),
        (b"\x1a\x45\xdf\xa3\x88\x42\x82\x85hello", None),  # EBML, but not a WebM
        (b"RIFF....WAVEfmt ", None),
        (b"", None),
    ],
)
def test_the_container_is_told_from_the_first_bytes(head, container):
    assert sniff(head) == container


def test_mime_types_map_to_containers_and_a_second_header_is_noticed():
    assert container_of("audio/webm;codecs=opus") == ("webm", "webm")
    assert container_of("VIDEO/MP4") == ("mp4", "mp4")
    assert container_of("video/x-matroska;codecs=avc1") == ("webm", "mkv")
    assert container_of("audio/mpeg") is None and container_of("text/webm") is None
    assert starts_new_file("webm", WEBM[:10]) and not starts_new_file("webm", WEBM[200:300])
    assert starts_new_file("ogg", ogg_page(0, b"x", first=True))
    assert not starts_new_file("ogg", ogg_page(9, b"x"))
