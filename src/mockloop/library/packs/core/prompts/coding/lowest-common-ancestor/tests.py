"""Tests for lowest-common-ancestor: lowest_common_ancestor(root, p, q) -> the node itself.

Trees are built from the submission's TreeNode. The answer must be the very node object (checked
with `is`); values repeat, so a value never identifies a node. Failures name nodes by their
position from the root. The tree must be unchanged after each call. See docs/judge.md.
"""

import random

from harness import Mismatch, given, visible


class TreeNode:
    """Used only if the submission does not define TreeNode itself."""

    def __init__(self, val=0, left=None, right=None):
        self.val = val
        self.left = left
        self.right = right


class Shown:
    """A value shown as the given text in a failure report."""

    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return self.text


def node_class(solution):
    return getattr(solution, "TreeNode", TreeNode)


def build(solution, spec):
    """A tree from nested (val, left, right) tuples; None for no child."""
    if spec is None:
        return None
    val, left, right = spec
    return node_class(solution)(val, build(solution, left), build(solution, right))


def walk(root):
    """Every node with its path from the root, iteratively."""
    out = []
    stack = [(root, "root", 0)]
    while stack:
        node, path, depth = stack.pop()
        out.append((node, path, depth))
        for side in ("right", "left"):
            child = getattr(node, side)
            if child is not None:
                stack.append((child, path + "." + side if depth < 8 else path, depth + 1))
    return out


class Tree:
    """A tree under test: names nodes for failure reports, and checks it is left unchanged."""

    def __init__(self, root, label, *, snapshot=True):
        self.root = root
        self.label = label
        self.where = None
        self.shape = self.snapshot() if snapshot else None

    def snapshot(self):
        return [(id(n), n.val, id(n.left), id(n.right)) for n, _, _ in walk(self.root)]

    def name(self, node):
        if self.where is None:
            self.where = {id(n): (path, depth) for n, path, depth in walk(self.root)}
        if node is None:
            return "None"
        if id(node) not in self.where:
            return f"{node!r} (not a node of the tree)"
        path, depth = self.where[id(node)]
        place = path if depth <= 8 else f"depth {depth}"
        return f"node {node.val!r} at {place}"

    def check(self, solution, p, q, expected):
        def call():
            return f"lowest_common_ancestor(root, {self.name(p)}, {self.name(q)}) on {self.label}"

        given(call)
        got = solution.lowest_common_ancestor(self.root, p, q)
        if got is not expected:
            raise Mismatch(Shown(self.name(got)), Shown(self.name(expected)), call())

    def unchanged(self):
        if self.snapshot() != self.shape:
            raise Mismatch(
                Shown("a changed tree"), Shown("the same tree"), f"{self.label} after the calls"
            )


def example(solution):
    """The statement's tree and its nodes by value (all values distinct)."""
    root = build(solution, (3, (5, (6, None, None), (2, (7, None, None), (4, None, None))),
                           (1, (0, None, None), (8, None, None))))  # fmt: skip
    return Tree(root, "the statement's tree"), {n.val: n for n, _, _ in walk(root)}


@visible
def test_the_examples_from_the_statement(solution):
    """The statement's four queries on its nine-node tree."""
    tree, n = example(solution)
    tree.check(solution, n[5], n[1], n[3])
    tree.check(solution, n[5], n[4], n[5])
    tree.check(solution, n[7], n[8], n[3])
    tree.check(solution, n[6], n[6], n[6])
    tree.unchanged()


def test_the_split_point_below_the_root(solution):
    """Two nodes in different subtrees of an inner node give that inner node."""
    tree, n = example(solution)
    tree.check(solution, n[7], n[4], n[2])
    tree.check(solution, n[6], n[4], n[5])
    tree.check(solution, n[8], n[0], n[1])
    tree.check(solution, n[7], n[6], n[5])


def test_a_node_is_its_own_ancestor(solution):
    """When one node is an ancestor of the other, it is the answer, in either argument order."""
    tree, n = example(solution)
    for top, below in [(5, 7), (3, 4), (2, 4), (1, 8), (3, 5)]:
        tree.check(solution, n[top], n[below], n[top])
        tree.check(solution, n[below], n[top], n[top])


def test_the_same_node_twice(solution):
    """p and q the same node give that node: a leaf, an inner node or the root."""
    tree, n = example(solution)
    for value in (6, 2, 1, 3):
        tree.check(solution, n[value], n[value], n[value])
    single = Tree(build(solution, (7, None, None)), "a one-node tree")
    single.check(solution, single.root, single.root, single.root)


def test_repeated_values_do_not_identify_nodes(solution):
    """In a tree whose values all repeat, the answer is the right node object."""
    root = build(solution, (1, (1, (1, None, None), (1, (1, None, None), None)),
                           (1, (1, None, None), (1, None, (1, None, None)))))  # fmt: skip
    tree = Tree(root, "a tree whose every value is 1")
    a, b = root.left, root.right
    tree.check(solution, a.left, a.right.left, a)
    tree.check(solution, a.right.left, b.right.right, root)
    tree.check(solution, b.left, b.right.right, b)
    tree.check(solution, a.right, a.right.left, a.right)
    twins = build(solution, (0, (2, (9, None, None), None), (2, None, (9, None, None))))
    tree = Tree(twins, "a tree with two 2s and two 9s")
    tree.check(solution, twins.left.left, twins.right.right, twins)
    tree.check(solution, twins.left, twins.left.left, twins.left)
    tree.unchanged()


def test_the_tree_is_not_a_search_tree(solution):
    """Values say nothing about where a node is: the tree is not a binary search tree."""
    root = build(solution, (5, (2, (8, None, None), (1, None, None)), (7, (3, None, None), (9, None, None))))  # fmt: skip
    tree = Tree(root, "a tree that is not a search tree")
    tree.check(solution, root.left.left, root.left.right, root.left)
    tree.check(solution, root.right.left, root.right.right, root.right)
    tree.check(solution, root.left.left, root.right.left, root)


def test_a_path_of_100000_nodes(solution):
    """A tree that is one path 10^5 nodes deep, turning left and right, needs no recursion."""
    cls = node_class(solution)
    chain = []
    node = None
    for v in range(100_000):
        node = cls(v % 3, left=node) if v % 2 else cls(v % 3, right=node)
        chain.append(node)
    tree = Tree(chain[-1], "a path of 10^5 nodes", snapshot=False)
    tree.check(solution, chain[0], chain[1], chain[1])


def test_a_complete_tree_of_32767_nodes(solution):
    """Queries on a complete tree of 2^15 - 1 nodes with repeated values agree with heap indices."""
    cls = node_class(solution)
    n = 2**15 - 1
    nodes = [cls(i % 10) for i in range(n)]
    for i in range(1, n):
        parent = nodes[(i - 1) // 2]
        if i % 2:
            parent.left = nodes[i]
        else:
            parent.right = nodes[i]
    tree = Tree(nodes[0], f"a complete tree of {n} nodes", snapshot=False)
    rng = random.Random(2360)
    for _ in range(6):
        a, b = rng.randrange(n), rng.randrange(n)
        i, j = a, b
        while i != j:  # in a heap layout the parent of i is (i - 1) // 2
            if i > j:
                i = (i - 1) // 2
            else:
                j = (j - 1) // 2
        tree.check(solution, nodes[a], nodes[b], nodes[i])


def test_random_trees_match_root_to_node_paths(solution):
    """Random trees with repeated values agree with the last node shared by the two root paths."""
    rng = random.Random(236)
    cls = node_class(solution)
    for _ in range(200):
        size = rng.randint(1, 40)
        nodes = [cls(rng.randint(0, 3)) for _ in range(size)]
        paths = {id(nodes[0]): [nodes[0]]}
        for i in range(1, size):
            while True:
                parent, side = nodes[rng.randrange(i)], rng.choice(("left", "right"))
                if getattr(parent, side) is None:
                    setattr(parent, side, nodes[i])
                    paths[id(nodes[i])] = paths[id(parent)] + [nodes[i]]
                    break
        tree = Tree(nodes[0], f"a random tree of {size} nodes")
        for _ in range(10):
            p, q = rng.choice(nodes), rng.choice(nodes)
            shared = [a for a, b in zip(paths[id(p)], paths[id(q)], strict=False) if a is b]
            tree.check(solution, p, q, shared[-1])
        tree.unchanged()
