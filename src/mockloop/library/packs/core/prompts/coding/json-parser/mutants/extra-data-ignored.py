"""Mutant: returns after the first value without checking that nothing follows it."""

import re

_WS = " \t\n\r"
_DIGITS = "0123456789"  # ASCII only: str.isdigit() also accepts "١" and "²"
_HEX = "0123456789abcdefABCDEF"
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_CHUNK = re.compile(r'[^"\\\x00-\x1f]*')  # a run of string characters that need no attention


class JSONParseError(ValueError):
    def __init__(self, message: str, pos: int) -> None:
        super().__init__(f"{message} at position {pos}")
        self.pos = pos


class _Parser:
    def __init__(self, text: str) -> None:
        self.s, self.i, self.n = text, 0, len(text)

    def fail(self, message: str, pos: int | None = None) -> None:
        raise JSONParseError(message, self.i if pos is None else pos)

    def ws(self) -> None:
        s, i, n = self.s, self.i, self.n
        while i < n and s[i] in _WS:
            i += 1
        self.i = i

    def value(self) -> object:
        self.ws()
        if self.i >= self.n:
            self.fail("unexpected end of input")
        c = self.s[self.i]
        if c == "{":
            return self.object()
        if c == "[":
            return self.array()
        if c == '"':
            return self.string()
        if c == "-" or c in _DIGITS:
            return self.number()
        for word, value in (("true", True), ("false", False), ("null", None)):
            if c == word[0]:
                for expected in word:  # one character at a time: "tru" fails at 3, "tx" at 1
                    if self.i >= self.n or self.s[self.i] != expected:
                        self.fail(f"invalid literal, expected {word!r}")
                    self.i += 1
                return value
        self.fail(f"unexpected character {c!r}")

    def digits(self) -> None:
        start = self.i
        while self.i < self.n and self.s[self.i] in _DIGITS:
            self.i += 1
        if self.i == start:
            self.fail("expected a digit")

    def number(self) -> int | float:
        s, start = self.s, self.i
        if s[self.i] == "-":
            self.i += 1
        if self.i < self.n and s[self.i] == "0":
            self.i += 1  # a leading 0 stands alone: "01" stops after the 0
        else:
            self.digits()
        is_float = False
        if self.i < self.n and s[self.i] == ".":
            self.i += 1
            self.digits()
            is_float = True
        if self.i < self.n and s[self.i] in "eE":
            self.i += 1
            if self.i < self.n and s[self.i] in "+-":
                self.i += 1
            self.digits()
            is_float = True
        text = s[start : self.i]
        return float(text) if is_float else int(text)

    def hex4(self, at: int) -> int:
        for j in range(at, at + 4):
            if j >= self.n:
                self.fail("unterminated \\u escape", self.n)
            if self.s[j] not in _HEX:  # not int(x, 16), which accepts "+fff" and "f_ff"
                self.fail("invalid \\u escape", j)
        return int(self.s[at : at + 4], 16)

    def low_surrogate_at(self, at: int) -> int | None:
        """The low surrogate written as a \\uXXXX escape at `at`, or None."""
        s = self.s
        if not s.startswith("\\u", at) or at + 6 > self.n:
            return None
        digits = s[at + 2 : at + 6]
        if not all(c in _HEX for c in digits):
            return None
        code = int(digits, 16)
        return code if 0xDC00 <= code <= 0xDFFF else None

    def string(self) -> str:
        s, n = self.s, self.n
        self.i += 1  # the opening quote
        parts = []
        while True:
            end = _CHUNK.match(s, self.i).end()
            parts.append(s[self.i : end])
            self.i = end
            if end >= n:
                self.fail("unterminated string", n)
            c = s[end]
            if c == '"':
                self.i += 1
                return "".join(parts)
            if c != "\\":
                self.fail("control character in string")
            if end + 1 >= n:
                self.fail("unterminated escape", n)
            escape = s[end + 1]
            if escape in _ESCAPES:
                parts.append(_ESCAPES[escape])
                self.i = end + 2
            elif escape == "u":
                code = self.hex4(end + 2)
                self.i = end + 6
                if 0xD800 <= code <= 0xDBFF:
                    low = self.low_surrogate_at(self.i)
                    if low is not None:  # a surrogate pair is one code point
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        self.i += 6
                parts.append(chr(code))  # a lone surrogate is kept, as the json module does
            else:
                self.fail(f"invalid escape \\{escape}", end + 1)

    def after_item(self, close: str) -> bool:
        """After an element: True if the container closes here, False after a comma."""
        self.ws()
        if self.i < self.n and self.s[self.i] in (close, ","):
            self.i += 1
            return self.s[self.i - 1] == close
        self.fail(f"expected ',' or {close!r}")

    def array(self) -> list:
        self.i += 1
        out = []
        self.ws()
        if self.i < self.n and self.s[self.i] == "]":
            self.i += 1
            return out
        while True:
            out.append(self.value())  # value() fails on "]": no trailing commas
            if self.after_item("]"):
                return out

    def object(self) -> dict:
        self.i += 1
        out = {}
        self.ws()
        if self.i < self.n and self.s[self.i] == "}":
            self.i += 1
            return out
        while True:
            self.ws()
            if self.i >= self.n or self.s[self.i] != '"':
                self.fail("expected a string key")
            key = self.string()
            self.ws()
            if self.i >= self.n or self.s[self.i] != ":":
                self.fail("expected ':'")
            self.i += 1
            out[key] = self.value()  # a repeated key: the last one wins
            if self.after_item("}"):
                return out


def parse_json(text: str) -> object:
    parser = _Parser(text)
    return parser.value()
