class TreeNode:
    def __init__(
        self, val: int = 0, left: "TreeNode | None" = None, right: "TreeNode | None" = None
    ) -> None:
        self.val = val
        self.left = left
        self.right = right


class Codec:
    """Turns a binary tree into a string and back. Any format works if the round trip holds."""

    def serialize(self, root: TreeNode | None) -> str:
        """Encode the whole tree (None is the empty tree) as a string; leave the tree unchanged."""
        raise NotImplementedError

    def deserialize(self, data: str) -> TreeNode | None:
        """Build a new tree of new TreeNode objects from a string that serialize produced.

        Nothing may be remembered between calls: another Codec instance may have written data.
        """
        raise NotImplementedError
