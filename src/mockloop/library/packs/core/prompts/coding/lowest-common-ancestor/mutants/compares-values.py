"""Mutant: collects p's ancestors by value, so a repeated value matches the wrong node."""


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
        ancestors.add(node.val)
        node = parent[node]
    node = q
    while node.val not in ancestors:  # the first shared node going up from q is the deepest
        node = parent[node]
    return node
