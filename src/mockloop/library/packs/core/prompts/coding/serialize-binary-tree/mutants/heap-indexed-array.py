"""Mutant: stores node i's children at 2i + 1 and 2i + 2, which needs 2^depth slots."""

from collections import deque


class TreeNode:
    def __init__(
        self, val: int = 0, left: "TreeNode | None" = None, right: "TreeNode | None" = None
    ) -> None:
        self.val = val
        self.left = left
        self.right = right


class Codec:
    def serialize(self, root: TreeNode | None) -> str:
        if root is None:
            return ""
        placed = []
        queue = deque([(root, 0)])
        while queue:
            node, i = queue.popleft()
            placed.append((i, node.val))
            if node.left is not None:
                queue.append((node.left, 2 * i + 1))
            if node.right is not None:
                queue.append((node.right, 2 * i + 2))
        slots = ["#"] * (max(i for i, _ in placed) + 1)
        for i, val in placed:
            slots[i] = str(val)
        return ",".join(slots)

    def deserialize(self, data: str) -> TreeNode | None:
        if not data:
            return None
        slots = data.split(",")
        nodes: list[TreeNode | None] = [
            None if token == "#" else TreeNode(int(token)) for token in slots
        ]
        for i, node in enumerate(nodes):
            if node is not None:
                if 2 * i + 1 < len(nodes):
                    node.left = nodes[2 * i + 1]
                if 2 * i + 2 < len(nodes):
                    node.right = nodes[2 * i + 2]
        return nodes[0]
