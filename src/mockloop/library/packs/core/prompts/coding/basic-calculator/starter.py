def calculate(s: str) -> int:
    """Evaluate an integer expression with + - * /, parentheses and unary minus, without eval.

    * and / bind tighter than + and -, equal precedence groups left to right, "-" may be unary
    wherever a factor may start, and / truncates toward zero. The input is always valid.
    """
    raise NotImplementedError
