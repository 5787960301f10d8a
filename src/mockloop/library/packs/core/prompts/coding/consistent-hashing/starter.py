import hashlib


def ring_hash(s: str) -> int:
    """The ring position of a string: the MD5 digest of its UTF-8 bytes as a big-endian 128-bit int."""
    return int.from_bytes(hashlib.md5(s.encode("utf-8")).digest(), "big")


class HashRing:
    """A consistent-hash ring with virtual nodes: `vnodes` points per server."""

    def __init__(self, vnodes: int = 100) -> None:
        """Create an empty ring; vnodes must be an int >= 1, otherwise ValueError.

        Server `node` owns the points ring_hash(f"{node}#{i}") for i in 0 .. vnodes - 1.
        """
        raise NotImplementedError

    def add_node(self, node: str) -> None:
        """Put the server's points on the ring; ValueError (changing nothing) if it is already on."""
        raise NotImplementedError

    def remove_node(self, node: str) -> None:
        """Take all the server's points off the ring; KeyError (changing nothing) if it is not on."""
        raise NotImplementedError

    def get_node(self, key: str) -> str:
        """The server of the first point at or after ring_hash(key), wrapping around; O(log P).

        Points at the same position go to the server whose name sorts first. An empty ring
        raises LookupError.
        """
        raise NotImplementedError
