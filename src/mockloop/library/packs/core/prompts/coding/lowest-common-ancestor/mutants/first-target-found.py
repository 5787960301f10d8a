"""Mutant: returns the first target found on the left without checking the right subtree."""


class TreeNode:
    def __init__(
        self, val: int = 0, left: "TreeNode | None" = None, right: "TreeNode | None" = None
    ) -> None:
        self.val = val
        self.left = left
        self.right = right


def lowest_common_ancestor(root: TreeNode, p: TreeNode, q: TreeNode) -> TreeNode:
    # Post-order with an explicit stack; each node's result is what its subtree reports.
    result: dict[TreeNode, TreeNode | None] = {}
    stack = [(root, False)]
    while stack:
        node, done = stack.pop()
        if node is p or node is q:
            result[node] = node
            continue
        if not done:
            stack.append((node, True))
            for child in (node.right, node.left):
                if child is not None:
                    stack.append((child, False))
            continue
        left = result.get(node.left) if node.left is not None else None
        if left is not None:
            result[node] = left  # found on the left: the right side is never consulted
            continue
        right = result.get(node.right) if node.right is not None else None
        result[node] = right
    return result[root]
