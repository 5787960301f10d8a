"""Tests for basic-calculator: calculate(s) -> int for + - * / ( ) and unary minus.

Each test evaluates expressions and compares with the exact integer value; the random test
compares with Python's own parser (ast) evaluated with truncating division. See docs/judge.md.
"""

import ast
import random

from harness import expect, given, visible


def show(s):
    """The expression as Python, shortened when long."""
    if len(s) <= 120:
        return repr(s)
    return f"{s[:50]!r} + ... + {s[-30:]!r} ({len(s)} chars)"


def check(solution, s, expected):
    call = f"calculate({show(s)})"
    given(call)
    expect(solution.calculate(s), expected, input=call)


def check_all(solution, cases):
    for s, expected in cases:
        check(solution, s, expected)


def div(a, b):
    """Integer division truncating toward zero."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def reference(s):
    """Python's parser builds the tree (same precedence and grouping); / truncates."""
    operations = {
        ast.Add: lambda a, b: a + b,
        ast.Sub: lambda a, b: a - b,
        ast.Mult: lambda a, b: a * b,
        ast.Div: div,
    }

    def value(node):
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.UnaryOp):
            return -value(node.operand)
        return operations[type(node.op)](value(node.left), value(node.right))

    return value(ast.parse(s.strip(), mode="eval").body)


@visible
def test_the_examples_from_the_statement(solution):
    """The statement's examples: sums, parentheses, precedence, truncation, unary minus."""
    check_all(solution, [
        ("1 + 1", 2), ("(1+(4+5+2)-3)+(6+8)", 23), (" 3+5 / 2 ", 5), ("-7/2", -3),
        ("2*(-3+1)", -4), ("- (3 - -2) * 2", -10), ("1-2-3", -4),
    ])  # fmt: skip


def test_multiplication_and_division_bind_tighter(solution):
    """* and / are applied before + and -."""
    check_all(solution, [
        ("3+2*2", 7), ("2*3+4*5", 26), ("10-2*3", 4), ("14-3/2", 13),
        ("2+3*4-5*6/7", 10), ("1+2*3*4", 25),
    ])  # fmt: skip


def test_equal_precedence_groups_left_to_right(solution):
    """Runs of - or / (and mixes of * and /) group from the left."""
    check_all(solution, [
        ("1-2-3", -4), ("10-4-3-2", 1), ("2-3+4", 3), ("8/2/2", 2), ("100/10/5", 2),
        ("2*3/4", 1), ("7/2*2", 6), ("9/3*3", 9),
    ])  # fmt: skip


def test_division_truncates_toward_zero(solution):
    """/ truncates toward zero for every combination of signs."""
    check_all(solution, [
        ("7/2", 3), ("-7/2", -3), ("7/-2", -3), ("-7/-2", 3), ("-1/3", 0), ("1-7/2", -2),
        ("(0-7)/2", -3), ("-(7)/2", -3), ("(2+3)/(1-3)", -2), ("-6/3", -2), ("0/5", 0),
    ])  # fmt: skip


def test_large_values_stay_exact(solution):
    """Values beyond 2^53 are divided and multiplied exactly, with no float rounding."""
    check_all(solution, [
        ("99999999999999999999/3", 33333333333333333333),
        ("-100000000000000000001/2", -50000000000000000000),
        ("123456789012345678901*10/10", 123456789012345678901),
        ("2*" * 70 + "1", 2**70),
        ("9007199254740993/1", 9007199254740993),
    ])  # fmt: skip


def test_unary_minus_applies_to_the_next_factor_only(solution):
    """A unary minus negates the next factor: a number, a parenthesis or another unary minus."""
    check_all(solution, [
        ("-2+3", 1), ("--4", 4), ("1 - -2", 3), ("2*-3", -6), ("-3*-3", 9), ("- 3", -3),
        ("---5", -5), ("-2*-2*-2", -8), ("-1+-1", -2), ("6/-2+1", -2), ("-5-5", -10),
    ])  # fmt: skip


def test_a_minus_before_a_parenthesis_negates_the_whole_group(solution):
    """-( ... ) and a - b-group negate the whole group, at any depth."""
    check_all(solution, [
        ("-(1+2)", -3), ("1-(2+3)", -4), ("10-(2-3)", 11), ("-(-(-4))", -4), ("2*-(3+1)", -8),
        ("1--(2-5)", -2), ("-(1+2)*-(3+4)", 21), ("(1+2)*(3+4)", 21), ("-(2*(3+(4-1)*2))", -18),
    ])  # fmt: skip


def test_multi_digit_numbers_and_spaces(solution):
    """Numbers of many digits, leading zeros, and spaces anywhere between tokens."""
    check_all(solution, [
        ("12 + 345", 357), ("  1000000 - 1  ", 999999), ("007+08", 15), (" ( 12 ) * - 3 ", -36),
        ("0", 0), ("  42", 42), ("1 0 0".replace(" ", ""), 100), ("   (  (  7 ) )   ", 7),
    ])  # fmt: skip


def test_ten_thousand_nested_parentheses(solution):
    """Parentheses nested 10,000 deep, with and without unary minus, need no recursion."""
    depth = 10_000
    check(solution, "(" * depth + "1" + ")" * depth, 1)
    check(solution, "-(" * depth + "7" + ")" * depth, 7)
    check(solution, "-(" * (depth - 1) + "7" + ")" * (depth - 1), -7)
    value = 0
    for i in range(depth):
        value = i % 7 - value
    text = "".join(f"{i % 7}-(" for i in reversed(range(1, depth))) + "0-(0" + ")" * depth
    check(solution, text, value)


def test_three_hundred_thousand_characters(solution):
    """An input at the length limit of 3 x 10^5 characters evaluates in linear time."""
    check(solution, "12*3 - 4/2+" * 27_272 + "0", 27_272 * 34)


def test_random_expressions_match_pythons_parser(solution):
    """Two thousand random expressions agree with Python's parser using truncating division."""
    rng = random.Random(224)

    def generate(depth):
        r = rng.random()
        if depth > 5 or r < 0.3:
            return [str(rng.choice([rng.randint(0, 9), rng.randint(0, 500)]))]
        if r < 0.42:
            return ["-", *generate(depth + 1)]
        if r < 0.55:
            return ["(", *generate(depth + 1), ")"]
        return [*generate(depth + 1), rng.choice("+-*/"), *generate(depth + 1)]

    checked = 0
    while checked < 2000:
        tokens = generate(0)
        s = "".join(token + " " * (rng.random() < 0.25) for token in tokens)
        try:
            expected = reference(s)
        except ZeroDivisionError:
            continue
        check(solution, s, expected)
        checked += 1
