"""Mutant: recursive descent with expr := term ("-" expr), so 1-2-3 groups as 1-(2-3)."""

import re


def _div(a: int, b: int) -> int:
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def calculate(s: str) -> int:
    tokens = re.findall(r"\d+|[-+*/()]", s)
    pos = 0

    def expr() -> int:
        nonlocal pos
        left = term()
        if pos < len(tokens) and tokens[pos] in "+-":
            op = tokens[pos]
            pos += 1
            right = expr()
            return left + right if op == "+" else left - right
        return left

    def term() -> int:
        nonlocal pos
        left = factor()
        if pos < len(tokens) and tokens[pos] in "*/":
            op = tokens[pos]
            pos += 1
            right = term()
            return left * right if op == "*" else _div(left, right)
        return left

    def factor() -> int:
        nonlocal pos
        token = tokens[pos]
        pos += 1
        if token == "-":
            return -factor()
        if token == "(":
            value = expr()
            pos += 1
            return value
        return int(token)

    return expr()
