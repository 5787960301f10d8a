"""Recording files: tell WebM, Ogg and MP4 apart, and finish a file so players can seek in it.

A browser's MediaRecorder writes WebM as a live stream: no duration, clusters of unknown size and
no index. Finishing rewrites it with a duration, sized clusters and cues (a seek index), and cuts a
half-written last block, so a recording stopped by a closed tab still plays and seeks.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, NamedTuple

# The part of a MIME type after the slash -> the container and the file extension.
MIME_SUBTYPES = {
    "webm": ("webm", "webm"),
    "x-matroska": ("webm", "mkv"),
    "ogg": ("ogg", "ogg"),
    "mp4": ("mp4", "mp4"),
}
CONTAINER_NAMES = {"webm": "WebM", "ogg": "Ogg", "mp4": "MP4"}

_EBML = 0x1A45DFA3
_DOCTYPE = 0x4282
_SEGMENT = 0x18538067
_SEEKHEAD = 0x114D9B74
_INFO = 0x1549A966
_TRACKS = 0x1654AE6B
_CLUSTER = 0x1F43B675
_CUES = 0x1C53BB6B
_LEVEL_ONE = {_SEEKHEAD, _INFO, _TRACKS, _CLUSTER, _CUES, 0x1043A770, 0x1254C367, 0x1941A469}
_TIMECODE_SCALE = 0x2AD7B1
_DURATION = 0x4489
_TRACK_ENTRY = 0xAE
_TRACK_NUMBER = 0xD7
_TRACK_TYPE = 0x83
_TIMECODE = 0xE7
_SIMPLE_BLOCK = 0xA3
_BLOCK_GROUP = 0xA0
_BLOCK = 0xA1
_BLOCK_DURATION = 0x9B
_SEEK = 0x4DBB
_SEEK_ID = 0x53AB
_SEEK_POSITION = 0x53AC
_CUE_POINT = 0xBB
_CUE_TIME = 0xB3
_CUE_TRACK_POSITIONS = 0xB7
_CUE_TRACK = 0xF7
_CUE_CLUSTER_POSITION = 0xF1
_HEADER_MAX = 12  # a 4-byte id and an 8-byte size
_SMALL_ELEMENT_MAX = 1 << 20  # Info and Tracks are a few hundred bytes; refuse anything absurd


@dataclass
class FinishedFile:
    """What finishing a recording's file left on disk."""

    size: int
    duration_seconds: float | None


class Unreadable(Exception):
    """The bytes are not the container they claim to be."""


def container_of(mime_type: str) -> tuple[str, str] | None:
    """(container, extension) for a recording MIME type such as audio/webm;codecs=opus."""
    base = mime_type.split(";", 1)[0].strip().lower()
    top, _, sub = base.partition("/")
    if top not in ("audio", "video"):
        return None
    return MIME_SUBTYPES.get(sub)


def sniff(head: bytes) -> str | None:
    """The container a file's first bytes belong to (webm, ogg or mp4), or None."""
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm" if _ebml_doctype(head) in ("webm", "matroska") else None
    if head.startswith(b"OggS"):
        return "ogg"
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "mp4"
    return None


def starts_new_file(container: str, data: bytes) -> bool:
    """Whether a chunk that should continue a recording instead begins a file of its own."""
    if container == "webm":
        return data.startswith(b"\x1a\x45\xdf\xa3")
    if container == "ogg":
        # A page flagged "beginning of stream" starts a new logical stream.
        return data.startswith(b"OggS") and len(data) > 5 and bool(data[5] & 0x02)
    return len(data) >= 8 and data[4:8] == b"ftyp"


def finish_file(path: Path, size: int, container: str) -> FinishedFile:
    """Make the first `size` bytes of a recording a complete, seekable file; never raises Unreadable."""
    try:
        if container == "webm":
            return _finish_webm(path, size)
        if container == "ogg":
            return _finish_ogg(path, size)
        return _finish_mp4(path, size)
    except Unreadable:
        return FinishedFile(size=size, duration_seconds=None)


# --- EBML (WebM) --------------------------------------------------------------------------------


class _Element(NamedTuple):
    id: int
    start: int
    data: int
    size: int | None  # None: unknown size (a live stream)

    @property
    def end(self) -> int:
        return self.data + (self.size or 0)


def _vint_length(first: int) -> int:
    if first == 0:
        raise Unreadable("a variable-length integer longer than 8 bytes")
    return 9 - first.bit_length()


def _parse_header(buf: bytes, at: int, start: int) -> _Element | None:
    """The element whose header begins at buf[at]; None when buf ends inside the header."""
    if at >= len(buf):
        return None
    id_len = _vint_length(buf[at])
    if id_len > 4:
        raise Unreadable("an element id longer than 4 bytes")
    if at + id_len >= len(buf):
        return None
    size_len = _vint_length(buf[at + id_len])
    if at + id_len + size_len > len(buf):
        return None
    element_id = int.from_bytes(buf[at : at + id_len], "big")
    raw = int.from_bytes(buf[at + id_len : at + id_len + size_len], "big")
    all_ones = (1 << (7 * size_len)) - 1
    value = raw & all_ones
    header = id_len + size_len
    return _Element(element_id, start, start + header, None if value == all_ones else value)


def _children(buf: bytes) -> list[tuple[int, bytes]]:
    """(id, payload) of each complete child in a small, fully read master element."""
    out = []
    at = 0
    while at < len(buf):
        el = _parse_header(buf, at, at)
        if el is None or el.size is None or el.end > len(buf):
            break
        out.append((el.id, buf[el.data : el.end]))
        at = el.end
    return out


def _uint(payload: bytes) -> int:
    return int.from_bytes(payload, "big") if payload else 0


def _ebml_doctype(head: bytes) -> str | None:
    try:
        el = _parse_header(head, 0, 0)
        if el is None or el.id != _EBML or el.size is None or el.end > len(head):
            return None
        for child_id, payload in _children(head[el.data : el.end]):
            if child_id == _DOCTYPE:
                return payload.rstrip(b"\0").decode("ascii", "replace")
    except Unreadable:
        return None
    return None


def _encode_id(element_id: int) -> bytes:
    return element_id.to_bytes((element_id.bit_length() + 7) // 8, "big")


def _encode_size(size: int, length: int | None = None) -> bytes:
    if length is None:
        length = 1
        while size >= (1 << (7 * length)) - 1:
            length += 1
    return ((1 << (7 * length)) | size).to_bytes(length, "big")


def _element(element_id: int, payload: bytes) -> bytes:
    return _encode_id(element_id) + _encode_size(len(payload)) + payload


def _uint_element(element_id: int, value: int, length: int | None = None) -> bytes:
    length = length or max(1, (value.bit_length() + 7) // 8)
    return _element(element_id, value.to_bytes(length, "big"))


class _Reader:
    def __init__(self, f: BinaryIO, size: int) -> None:
        self.f = f
        self.size = size

    def read(self, at: int, n: int) -> bytes:
        self.f.seek(at)
        return self.f.read(max(0, min(n, self.size - at)))

    def element(self, at: int, limit: int) -> _Element | None:
        return _parse_header(self.read(at, min(_HEADER_MAX, limit - at)), 0, at)


@dataclass
class _Cluster:
    timecode: int
    data: int
    end: int  # end of the last complete child
    keyframe_times: dict[int, int] = field(default_factory=dict)  # track -> first keyframe time
    first_block_track: dict[int, bool] = field(default_factory=dict)  # track -> first block is key


@dataclass
class _Clock:
    """The end time of the last block of each track, in timecode ticks."""

    last: dict[int, int] = field(default_factory=dict)
    step: dict[int, int] = field(default_factory=dict)
    ends: dict[int, int] = field(default_factory=dict)

    def block(
        self, cluster: _Cluster, header: bytes, keyframe: bool | None, duration: int | None
    ) -> None:
        if not header:
            return
        track_len = _vint_length(header[0])
        if len(header) < track_len + 3:
            return
        track = int.from_bytes(header[:track_len], "big") & ((1 << (7 * track_len)) - 1)
        relative = struct.unpack(">h", header[track_len : track_len + 2])[0]
        flags = header[track_len + 2]
        time = cluster.timecode + relative
        is_key = bool(flags & 0x80) if keyframe is None else keyframe
        if track not in cluster.first_block_track:
            cluster.first_block_track[track] = is_key
            if is_key:
                cluster.keyframe_times[track] = time
        if track in self.last and time > self.last[track]:
            self.step[track] = min(time - self.last[track], 200)
        self.last[track] = max(time, self.last.get(track, time))
        length = duration if duration is not None else self.step.get(track, 0)
        self.ends[track] = max(self.ends.get(track, 0), time + length)


def _scan_cluster(
    rf: _Reader, el: _Element, limit: int, clock: _Clock
) -> tuple[_Cluster, int | None]:
    """The cluster's complete part, and where the next level-one element starts (None: stop)."""
    end = limit if el.size is None else min(el.end, limit)
    cluster = _Cluster(timecode=0, data=el.data, end=el.data)
    at = el.data
    while at < end:
        child = rf.element(at, end)
        if child is None:
            return cluster, None
        if el.size is None and child.id in _LEVEL_ONE:
            return cluster, at
        if child.size is None or child.end > end:
            return cluster, None
        if child.id == _TIMECODE:
            cluster.timecode = _uint(rf.read(child.data, child.size))
        elif child.id == _SIMPLE_BLOCK:
            clock.block(cluster, rf.read(child.data, min(child.size, 12)), None, None)
        elif child.id == _BLOCK_GROUP and child.size <= _SMALL_ELEMENT_MAX * 16:
            parts = dict(_children(rf.read(child.data, child.size)))
            if _BLOCK in parts:
                duration = _uint(parts[_BLOCK_DURATION]) if _BLOCK_DURATION in parts else None
                clock.block(cluster, parts[_BLOCK][:12], True, duration)
        at = cluster.end = child.end
    return cluster, (at if el.size is None or at == el.end else None)


def _track_types(tracks_payload: bytes) -> dict[int, int]:
    types = {}
    for child_id, entry in _children(tracks_payload):
        if child_id == _TRACK_ENTRY:
            fields = dict(_children(entry))
            if _TRACK_NUMBER in fields:
                types[_uint(fields[_TRACK_NUMBER])] = _uint(fields.get(_TRACK_TYPE, b""))
    return types


def _finish_webm(path: Path, size: int) -> FinishedFile:
    with path.open("rb") as f:
        rf = _Reader(f, size)
        ebml = rf.element(0, size)
        if ebml is None or ebml.id != _EBML or ebml.size is None or ebml.end > size:
            raise Unreadable("no EBML header")
        segment = rf.element(ebml.end, size)
        if segment is None or segment.id != _SEGMENT:
            raise Unreadable("no Segment")
        limit = size if segment.size is None else min(segment.end, size)
        info: list[tuple[int, bytes]] | None = None
        tracks: bytes | None = None
        clusters: list[_Cluster] = []
        clock = _Clock()
        at: int | None = segment.data
        while at is not None and at < limit:
            el = rf.element(at, limit)
            if el is None:
                break
            if el.id == _CLUSTER:
                cluster, at = _scan_cluster(rf, el, limit, clock)
                if cluster.end > cluster.data:
                    clusters.append(cluster)
                continue
            if el.size is None or el.end > limit:
                break
            if el.id in (_INFO, _TRACKS) and el.size > _SMALL_ELEMENT_MAX:
                raise Unreadable("an oversized Info or Tracks element")
            if el.id == _INFO:
                info = _children(rf.read(el.data, el.size))
            elif el.id == _TRACKS:
                tracks = rf.read(el.data, el.size)
            at = el.end
        if info is None or tracks is None:
            raise Unreadable("no Info or no Tracks")

        scale = next((_uint(p) for i, p in info if i == _TIMECODE_SCALE), 1_000_000) or 1_000_000
        end_ticks = max(clock.ends.values(), default=0)
        info_payload = b"".join(_element(i, p) for i, p in info if i != _DURATION)
        info_bytes = _element(
            _INFO, info_payload + _element(_DURATION, struct.pack(">d", end_ticks))
        )
        tracks_bytes = _element(_TRACKS, tracks)
        types = _track_types(tracks)
        cue_track = next((n for n, t in types.items() if t == 1), next(iter(types), 1))

        seekhead_len = len(_seekhead(0, 0, 0))
        position = seekhead_len + len(info_bytes) + len(tracks_bytes)
        cue_points = []
        for cluster in clusters:
            if cluster.first_block_track.get(cue_track):
                cue_points.append(
                    _element(
                        _CUE_POINT,
                        _uint_element(_CUE_TIME, cluster.keyframe_times[cue_track])
                        + _element(
                            _CUE_TRACK_POSITIONS,
                            _uint_element(_CUE_TRACK, cue_track)
                            + _uint_element(_CUE_CLUSTER_POSITION, position),
                        ),
                    )
                )
            position += 4 + 8 + (cluster.end - cluster.data)
        cues_bytes = _element(_CUES, b"".join(cue_points)) if cue_points else b""
        seekhead = _seekhead(
            seekhead_len, seekhead_len + len(info_bytes), position if cues_bytes else 0
        )
        segment_size = position + len(cues_bytes)

        partial = path.with_name(path.name + ".finishing")
        with partial.open("wb") as out:
            out.write(rf.read(0, ebml.end))
            out.write(_encode_id(_SEGMENT) + _encode_size(segment_size, 8))
            out.write(seekhead + info_bytes + tracks_bytes)
            for cluster in clusters:
                out.write(_encode_id(_CLUSTER) + _encode_size(cluster.end - cluster.data, 8))
                f.seek(cluster.data)
                left = cluster.end - cluster.data
                while left:
                    piece = f.read(min(left, 1 << 20))
                    if not piece:
                        raise Unreadable("the file shrank while it was being finished")
                    out.write(piece)
                    left -= len(piece)
            out.write(cues_bytes)
            out.flush()
            os.fsync(out.fileno())
            new_size = out.tell()
    os.replace(partial, path)
    return FinishedFile(size=new_size, duration_seconds=round(end_ticks * scale / 1e9, 3))


def _seekhead(info_at: int, tracks_at: int, cues_at: int) -> bytes:
    """A SeekHead of fixed length (8-byte positions) so it can be sized before the positions are known."""
    entries = [(_INFO, info_at), (_TRACKS, tracks_at), (_CUES, cues_at)]
    return _element(
        _SEEKHEAD,
        b"".join(
            _element(
                _SEEK,
                _element(_SEEK_ID, _encode_id(element_id)) + _uint_element(_SEEK_POSITION, at, 8),
            )
            for element_id, at in entries
        ),
    )


# --- Ogg and MP4 --------------------------------------------------------------------------------


def _finish_ogg(path: Path, size: int) -> FinishedFile:
    """Cut a half-written last page; the duration comes from the last page's granule position."""
    at = good = 0
    granule: int | None = None
    pre_skip, rate = 0, None
    with path.open("rb") as f:
        while at + 27 <= size:
            f.seek(at)
            head = f.read(27)
            if head[:4] != b"OggS":
                break
            table = f.read(head[26])
            end = at + 27 + len(table) + sum(table)
            if len(table) < head[26] or end > size:
                break
            if at == 0:
                first = f.read(20)
                if first.startswith(b"OpusHead") and len(first) >= 12:
                    pre_skip, rate = struct.unpack("<H", first[10:12])[0], 48_000
                elif first.startswith(b"\x01vorbis") and len(first) >= 16:
                    rate = struct.unpack("<I", first[12:16])[0]
            position = struct.unpack("<q", head[6:14])[0]
            if position >= 0:
                granule = position
            at = good = end
    if good == 0:
        raise Unreadable("no complete Ogg page")
    if good < size:
        os.truncate(path, good)
    duration = None if not rate or granule is None else max(0.0, (granule - pre_skip) / rate)
    return FinishedFile(
        size=good, duration_seconds=None if duration is None else round(duration, 3)
    )


def _finish_mp4(path: Path, size: int) -> FinishedFile:
    """Cut a half-written last box; an MP4 recording's length is left to the player."""
    at = 0
    with path.open("rb") as f:
        while at + 8 <= size:
            f.seek(at)
            head = f.read(16)
            box = struct.unpack(">I", head[:4])[0]
            if box == 1 and len(head) == 16:
                box = struct.unpack(">Q", head[8:16])[0]
            elif box == 0:
                box = size - at
            if box < 8 or at + box > size:
                break
            at += box
    if at == 0:
        raise Unreadable("no complete MP4 box")
    if at < size:
        os.truncate(path, at)
    return FinishedFile(size=at, duration_seconds=None)
