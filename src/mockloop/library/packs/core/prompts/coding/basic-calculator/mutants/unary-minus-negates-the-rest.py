"""Mutant: a unary minus negates the rest of its parenthesis level, not just the next factor."""


def _div(a: int, b: int) -> int:
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def calculate(s: str) -> int:
    stack = []
    # flip: the level's result is negated when it closes (an odd number of unary minuses seen).
    total, sign, term, mulop, flip = 0, 1, 0, None, False
    expect_operand = True
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c == " ":
            i += 1
            continue
        if "0" <= c <= "9" or c == ")":
            if c == ")":
                value = total + sign * term
                if flip:
                    value = -value
                total, sign, term, mulop, flip = stack.pop()
                i += 1
            else:
                j = i
                while j < n and "0" <= s[j] <= "9":
                    j += 1
                value, i = int(s[i:j]), j
            if mulop is None:
                term = value
            elif mulop == "*":
                term *= value
            else:
                term = _div(term, value)
            expect_operand = False
            continue
        if c == "(":
            stack.append((total, sign, term, mulop, flip))
            total, sign, term, mulop, flip = 0, 1, 0, None, False
        elif c == "-" and expect_operand:
            flip = not flip
        elif c in "+-":
            total += sign * term
            sign, term, mulop = (1 if c == "+" else -1), 0, None
        else:
            mulop = c
        expect_operand = True
        i += 1
    value = total + sign * term
    return -value if flip else value
