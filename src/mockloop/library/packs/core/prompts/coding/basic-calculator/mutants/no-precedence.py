"""Mutant: applies every operator left to right, ignoring that * and / bind tighter."""


def _div(a: int, b: int) -> int:
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def _apply(op: str | None, acc: int, value: int) -> int:
    if op is None:
        return value
    if op == "+":
        return acc + value
    if op == "-":
        return acc - value
    if op == "*":
        return acc * value
    return _div(acc, value)


def calculate(s: str) -> int:
    stack = []
    acc, op, neg = 0, None, False
    expect_operand = True
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c == " ":
            i += 1
            continue
        if "0" <= c <= "9" or c == ")":
            if c == ")":
                value = acc
                acc, op, neg = stack.pop()
                i += 1
            else:
                j = i
                while j < n and "0" <= s[j] <= "9":
                    j += 1
                value, i = int(s[i:j]), j
            if neg:
                value, neg = -value, False
            acc = _apply(op, acc, value)
            expect_operand = False
            continue
        if c == "(":
            stack.append((acc, op, neg))
            acc, op, neg = 0, None, False
        elif c == "-" and expect_operand:
            neg = not neg
        else:
            op = c
        expect_operand = True
        i += 1
    return acc
