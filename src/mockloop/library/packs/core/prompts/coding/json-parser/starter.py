class JSONParseError(ValueError):
    """Invalid JSON. `pos` is the length of the longest prefix that could still be extended."""

    def __init__(self, message: str, pos: int) -> None:
        super().__init__(f"{message} at position {pos}")
        self.pos = pos


def parse_json(text: str) -> object:
    """Parse one JSON document (RFC 8259) without the json module.

    Objects become dict, arrays list, strings str, true/false/null True/False/None; a number
    with neither fraction nor exponent is an int, otherwise a float. Invalid input raises
    JSONParseError whose pos is the index of the first character that cannot continue the
    document, or len(text) if the text ends too early.
    """
    raise NotImplementedError
