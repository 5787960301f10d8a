"""Mutant: keeps serialized trees in a class-level dict and hands back the original nodes."""

from collections import deque


class TreeNode:
    def __init__(
        self, val: int = 0, left: "TreeNode | None" = None, right: "TreeNode | None" = None
    ) -> None:
        self.val = val
        self.left = left
        self.right = right


class Codec:
    NULL, SEP = "#", ","
    seen: dict[str, TreeNode | None] = {}  # shared by every instance

    def serialize(self, root: TreeNode | None) -> str:
        out: list[str] = []
        queue = deque([root])
        while queue:
            node = queue.popleft()
            if node is None:
                out.append(self.NULL)
                continue
            out.append(str(node.val))
            queue.append(node.left)
            queue.append(node.right)
        while out and out[-1] == self.NULL:
            out.pop()
        data = self.SEP.join(out)
        Codec.seen[data] = root
        return data

    def deserialize(self, data: str) -> TreeNode | None:
        if data in Codec.seen:
            return Codec.seen[data]  # the caller's own nodes, as they are now
        if not data:
            return None
        tokens = data.split(self.SEP)
        root = TreeNode(int(tokens[0]))
        parents = deque([root])
        i = 1
        while parents and i < len(tokens):
            parent = parents.popleft()
            for side in ("left", "right"):
                if i < len(tokens) and tokens[i] != self.NULL:
                    child = TreeNode(int(tokens[i]))
                    setattr(parent, side, child)
                    parents.append(child)
                i += 1
        return root
