class TreeNode:
    def __init__(
        self, val: int = 0, left: "TreeNode | None" = None, right: "TreeNode | None" = None
    ) -> None:
        self.val = val
        self.left = left
        self.right = right


def lowest_common_ancestor(root: TreeNode, p: TreeNode, q: TreeNode) -> TreeNode:
    """Return the deepest node (the object itself) that has both p and q in its subtree.

    p and q are nodes of the tree, possibly the same one; a node is its own descendant. The tree
    is not a search tree and values may repeat, so nodes are told apart by identity. The tree
    may be a path 10**5 nodes deep, and must not be modified.
    """
    raise NotImplementedError
