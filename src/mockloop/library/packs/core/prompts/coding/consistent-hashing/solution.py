"""Consistent hashing: the points (position, server) in a sorted list, searched with bisect."""

import hashlib
from bisect import bisect_left


def ring_hash(s: str) -> int:
    """The ring position of a string: the MD5 digest of its UTF-8 bytes as a big-endian 128-bit int."""
    return int.from_bytes(hashlib.md5(s.encode("utf-8")).digest(), "big")


class HashRing:
    def __init__(self, vnodes: int = 100) -> None:
        if not isinstance(vnodes, int) or vnodes < 1:
            raise ValueError("vnodes must be an int >= 1")
        self.vnodes = vnodes
        self._servers: set[str] = set()
        self._points: list[tuple[int, str]] = []  # sorted by (position, server name)
        self._positions: list[int] = []  # the positions alone, for bisect

    def _rebuild(self, points: list[tuple[int, str]]) -> None:
        points.sort()  # ties at one position: the smaller server name first
        self._points = points
        self._positions = [position for position, _ in points]

    def add_node(self, node: str) -> None:
        if node in self._servers:
            raise ValueError(f"{node!r} is already on the ring")
        new = [(ring_hash(f"{node}#{i}"), node) for i in range(self.vnodes)]
        self._servers.add(node)
        self._rebuild(self._points + new)

    def remove_node(self, node: str) -> None:
        if node not in self._servers:
            raise KeyError(node)
        self._servers.remove(node)
        self._rebuild([point for point in self._points if point[1] != node])

    def get_node(self, key: str) -> str:
        if not self._points:
            raise LookupError("the ring is empty")
        i = bisect_left(self._positions, ring_hash(key))  # the first position >= the key's
        if i == len(self._positions):
            i = 0  # past the last point: wrap around to the first
        return self._points[i][1]
