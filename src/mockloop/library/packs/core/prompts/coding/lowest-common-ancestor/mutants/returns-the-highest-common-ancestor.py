"""Mutant: walks q's path from the root down and returns the first shared node: the root."""


class TreeNode:
    def __init__(
        self, val: int = 0, left: "TreeNode | None" = None, right: "TreeNode | None" = None
    ) -> None:
        self.val = val
        self.left = left
        self.right = right


def lowest_common_ancestor(root: TreeNode, p: TreeNode, q: TreeNode) -> TreeNode:
    parent: dict[TreeNode, TreeNode | None] = {root: None}  # keyed by identity
    stack = [root]
    while p not in parent or q not in parent:
        node = stack.pop()  # both are in the tree, so they are found before the stack runs dry
        for child in (node.left, node.right):
            if child is not None:
                parent[child] = node
                stack.append(child)
    ancestors = set()
    node: TreeNode | None = p
    while node is not None:  # p is its own ancestor
        ancestors.add(node)
        node = parent[node]
    path = []
    node = q
    while node is not None:
        path.append(node)
        node = parent[node]
    for node in reversed(path):  # from the root down
        if node in ancestors:
            return node
    return q
