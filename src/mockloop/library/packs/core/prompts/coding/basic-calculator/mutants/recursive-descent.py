"""Mutant: correct recursive descent, which runs out of stack at 10,000 nested parentheses."""

import re


def _div(a: int, b: int) -> int:
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def calculate(s: str) -> int:
    tokens = re.findall(r"\d+|[-+*/()]", s)
    pos = 0

    def expr() -> int:
        nonlocal pos
        value = term()
        while pos < len(tokens) and tokens[pos] in "+-":
            op = tokens[pos]
            pos += 1
            value = value + term() if op == "+" else value - term()
        return value

    def term() -> int:
        nonlocal pos
        value = factor()
        while pos < len(tokens) and tokens[pos] in "*/":
            op = tokens[pos]
            pos += 1
            value = value * factor() if op == "*" else _div(value, factor())
        return value

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
