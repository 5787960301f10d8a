"""Tests for serialize-binary-tree: Codec().deserialize(Codec().serialize(root)) rebuilds root.

The tests never read the string. Each round trip uses two fresh Codec instances, checks that
serialize returned a str and left the tree unchanged, and that deserialize built a tree of new
nodes with the same shape and the same int at every position. Trees are compared iteratively
in preorder, so 10^4-deep chains work. See docs/judge.md for the format.
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


def build(solution, values):
    """A tree from LeetCode's level order: values with None for a missing child."""
    cls = node_class(solution)
    if not values or values[0] is None:
        return None
    root = cls(values[0])
    parents, i = [root], 1
    for parent in parents:
        for side in ("left", "right"):
            if i < len(values) and values[i] is not None:
                child = cls(values[i])
                setattr(parent, side, child)
                parents.append(child)
            i += 1
        if i >= len(values):
            break
    return root


def preorder(root, limit=None):
    """Values in preorder with None for each missing child; a non-int value shows as text."""
    out, stack = [], [root]
    while stack:
        if limit is not None and len(out) > limit:
            break  # a cycle, or far too many nodes
        node = stack.pop()
        if node is None:
            out.append(None)
            continue
        val = node.val
        out.append(val if type(val) is int else f"<{type(val).__name__} {val!r}>")
        stack.append(node.right)
        stack.append(node.left)
    return out


def nodes_of(root):
    out, stack = [], [root]
    while stack:
        node = stack.pop()
        if node is not None:
            out.append(node)
            stack.append(node.right)
            stack.append(node.left)
    return out


def level_order(root, limit=25):
    """LeetCode's level order, shortened: the way trees are shown in failure reports."""
    out, queue, i = [], [root], 0
    while i < len(queue) and len(out) < limit:
        node = queue[i]
        i += 1
        if node is None:
            out.append(None)
            continue
        out.append(node.val)
        queue += [node.left, node.right]
    while out and out[-1] is None:
        out.pop()
    more = ", ..." if i < len(queue) and any(n is not None for n in queue[i:]) else ""
    return "[" + ", ".join(map(repr, out)) + more + "]"


def round_trip(solution, root, label=None):
    """Serialize with one Codec, deserialize with another, and compare with the original."""
    label = label or (f"the tree {level_order(root)}" if root is not None else "None")
    expected = preorder(root)
    originals = {id(node) for node in nodes_of(root)}
    call = f"Codec().deserialize(Codec().serialize({label}))"
    given(call)
    data = solution.Codec().serialize(root)
    if type(data) is not str:
        raise Mismatch(
            Shown(f"a {type(data).__name__}"), Shown("a str"), f"Codec().serialize({label})"
        )
    if preorder(root) != expected:
        raise Mismatch(Shown("a changed tree"), Shown("the same tree"), f"{label} after serialize")
    got = solution.Codec().deserialize(data)
    values = preorder(got, limit=len(expected))
    if values != expected:
        at = next(
            (i for i, (a, b) in enumerate(zip(values, expected, strict=False)) if a != b), None
        )
        where = f"preorder position {at}" if at is not None else "its size"
        raise Mismatch(
            Shown(level_order(got)), Shown(level_order(root)), call,
            summary=f"the rebuilt tree differs from the original at {where}",
        )  # fmt: skip
    if any(id(node) in originals for node in nodes_of(got)):
        raise Mismatch(Shown("the original node objects"), Shown("new TreeNode objects"), call)
    return data


@visible
def test_the_example_round_trips(solution):
    """The statement's example tree, and the empty tree, come back unchanged."""
    round_trip(solution, build(solution, [1, 2, 3, None, None, 4, 5]))
    round_trip(solution, None)


def test_the_empty_tree_and_a_single_node(solution):
    """None comes back as None and a one-node tree as one node."""
    given("Codec().serialize(None)")
    data = solution.Codec().serialize(None)
    if type(data) is not str:
        raise Mismatch(Shown(f"a {type(data).__name__}"), Shown("a str"), "Codec().serialize(None)")
    given("Codec().deserialize(Codec().serialize(None))")
    got = solution.Codec().deserialize(data)
    if got is not None:
        raise Mismatch(
            Shown(level_order(got)), None, "Codec().deserialize(Codec().serialize(None))"
        )
    round_trip(solution, build(solution, [42]))


def test_left_and_right_children_are_told_apart(solution):
    """Trees with the same values in different shapes come back in their own shapes."""
    for values in ([1, 2], [1, None, 2], [1, 2, None, 3], [1, None, 2, None, 3], [1, 2, None, None, 3],
                   [1, None, 2, 3], [1, 2, 3], [1, 1, 1, 1], [1, 1, 1, None, None, 1]):  # fmt: skip
        round_trip(solution, build(solution, values))


def test_zero_is_a_value_not_a_missing_node(solution):
    """Nodes whose value is 0 are kept, at the root, inside and at the leaves."""
    for values in (
        [0],
        [0, 0, 0],
        [1, 0, None, 0, 0],
        [0, None, 0, None, 0],
        [5, 0, 3, None, 0, 0],
    ):
        round_trip(solution, build(solution, values))


def test_negative_and_many_digit_values(solution):
    """Negative values, values of many digits and the limits +-10^9 survive the round trip."""
    for values in ([-1], [-10**9, None, 10**9], [123456789, -42, 7, -1000000000, None, 1000000000],
                   [-5, -55, -555, None, -5555, 10, 100]):  # fmt: skip
        round_trip(solution, build(solution, values))


def test_repeated_values_keep_their_positions(solution):
    """A tree of equal values, and one of two values, keeps its exact shape."""
    round_trip(solution, build(solution, [7, 7, 7, None, 7, 7, None, 7, None, None, 7]))
    round_trip(solution, build(solution, [2, 3, 2, 3, None, None, 2, None, 3]))


def test_the_string_alone_carries_the_tree(solution):
    """A string deserializes to its own tree, whatever was serialized since or changed after."""
    first = build(solution, [1, 2, 3, None, 4])
    second = build(solution, [9, None, 8, 7])
    codec = solution.Codec()
    given("data1 = c.serialize(tree1); data2 = c.serialize(tree2); Codec().deserialize(data1)")
    data1 = codec.serialize(first)
    codec.serialize(second)
    for node in nodes_of(first):  # the caller may change the tree once it is serialized
        node.val += 100
    got = solution.Codec().deserialize(data1)
    if preorder(got, limit=9) != [1, 2, None, 4, None, None, 3, None, None]:
        raise Mismatch(
            Shown(level_order(got)), Shown("[1, 2, 3, None, 4]"),
            "tree1 = [1, 2, 3, None, 4]; data1 = c.serialize(tree1); c.serialize(another tree); "
            "every value of tree1 += 100; Codec().deserialize(data1)",
        )  # fmt: skip


def test_chains_ten_thousand_deep(solution):
    """Paths of 10^4 nodes, all left, all right and zig-zag, round trip without recursion."""
    cls = node_class(solution)
    deep_left = deep_right = zigzag = None
    for v in range(10_000):
        deep_left = cls(v, left=deep_left)
        deep_right = cls(-v, right=deep_right)
        zigzag = cls(v % 5, left=zigzag) if v % 2 else cls(v % 5, right=zigzag)
    round_trip(solution, deep_left, "a path of 10^4 left children")
    round_trip(solution, deep_right, "a path of 10^4 right children")
    round_trip(solution, zigzag, "a zig-zag path of 10^4 nodes")


def test_a_random_tree_of_ten_thousand_nodes(solution):
    """A random tree of 10^4 nodes with values across the whole range round trips."""
    rng = random.Random(2970)
    round_trip(solution, random_tree(solution, rng, 10_000), "a random tree of 10^4 nodes")


def random_tree(solution, rng, n):
    """n nodes, each attached to a free child slot of a random earlier node."""
    cls = node_class(solution)
    if n == 0:
        return None
    nodes = [cls(rng.choice([0, -1, 7, rng.randint(-(10**9), 10**9)])) for _ in range(n)]
    slots = [(nodes[0], "left"), (nodes[0], "right")]
    for node in nodes[1:]:
        j = rng.randrange(len(slots))
        parent, side = slots[j]
        slots[j] = slots[-1]
        slots.pop()
        setattr(parent, side, node)
        slots += [(node, "left"), (node, "right")]
    return nodes[0]


def test_random_trees_round_trip(solution):
    """Hundreds of random small trees with zeros, negatives and repeats round trip unchanged."""
    rng = random.Random(297)
    for _ in range(500):
        round_trip(solution, random_tree(solution, rng, rng.randint(0, 30)))
