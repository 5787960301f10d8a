"""Mutant: reads one digit at a time, so 12 is the number 1 followed by 2."""


def _div(a: int, b: int) -> int:
    """Integer division truncating toward zero (Python's // floors: -7 // 2 == -4)."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def calculate(s: str) -> int:
    stack = []  # the state of each enclosing parenthesis level
    # total: sum of finished terms; sign, term: the current term; mulop: "*" or "/" awaiting
    # its right operand; neg: an odd number of unary minuses precede the next factor.
    total, sign, term, mulop, neg = 0, 1, 0, None, False
    expect_operand = True  # at the start, after "(" and after an operator
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c == " ":
            i += 1
            continue
        if "0" <= c <= "9" or c == ")":
            if c == ")":
                value = total + sign * term
                total, sign, term, mulop, neg = stack.pop()
                i += 1
            else:
                j = i
                value, i = int(s[i]), j + 1
            if neg:
                value, neg = -value, False
            if mulop is None:
                term = value
            elif mulop == "*":
                term *= value
            else:
                term = _div(term, value)
            expect_operand = False
            continue
        if c == "(":
            stack.append((total, sign, term, mulop, neg))
            total, sign, term, mulop, neg = 0, 1, 0, None, False
        elif c == "-" and expect_operand:
            neg = not neg
        elif c in "+-":
            total += sign * term
            sign, term, mulop = (1 if c == "+" else -1), 0, None
        else:  # "*" or "/"
            mulop = c
        expect_operand = True
        i += 1
    return total + sign * term
