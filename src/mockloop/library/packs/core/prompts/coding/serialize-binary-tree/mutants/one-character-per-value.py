"""Mutant: writes values without a separator and reads one character per value."""

from collections import deque


class TreeNode:
    def __init__(
        self, val: int = 0, left: "TreeNode | None" = None, right: "TreeNode | None" = None
    ) -> None:
        self.val = val
        self.left = left
        self.right = right


class Codec:
    NULL, SEP = "#", ""

    def serialize(self, root: TreeNode | None) -> str:
        out: list[str] = []
        queue = deque([root])
        while queue:
            node = queue.popleft()
            if node is None:  # "is None", never "not node.val": 0 is a value
                out.append(self.NULL)
                continue
            out.append(str(node.val))
            queue.append(node.left)  # both child slots, empty ones included
            queue.append(node.right)
        while out and out[-1] == self.NULL:  # trailing markers carry no information
            out.pop()
        return self.SEP.join(out)

    def deserialize(self, data: str) -> TreeNode | None:
        if not data:
            return None
        tokens = list(data)
        root = TreeNode(int(tokens[0]))
        parents = deque([root])
        i = 1
        while parents and i < len(tokens):
            parent = parents.popleft()
            for side in ("left", "right"):  # the next two tokens are this parent's children
                if i < len(tokens) and tokens[i] != self.NULL:
                    child = TreeNode(int(tokens[i]))
                    setattr(parent, side, child)
                    parents.append(child)
                i += 1
        return root
