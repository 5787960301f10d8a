"""Mutant: walks down from the root comparing values, as if the tree were a binary search tree."""


class TreeNode:
    def __init__(
        self, val: int = 0, left: "TreeNode | None" = None, right: "TreeNode | None" = None
    ) -> None:
        self.val = val
        self.left = left
        self.right = right


def lowest_common_ancestor(root: TreeNode, p: TreeNode, q: TreeNode) -> TreeNode:
    node = root
    while node is not None:
        if p.val < node.val and q.val < node.val and node.left is not None:
            node = node.left
        elif p.val > node.val and q.val > node.val and node.right is not None:
            node = node.right
        else:
            return node
    return root
