"""Mutant: takes words off the caller's list as a queue, leaving it empty."""


def full_justify(words: list[str], max_width: int) -> list[str]:
    lines = []
    while words:
        line_words = [words.pop(0)]
        width = len(line_words[0])
        while words and width + 1 + len(words[0]) <= max_width:
            width += 1 + len(words[0])
            line_words.append(words.pop(0))
        gaps = len(line_words) - 1
        if not words or gaps == 0:
            line = " ".join(line_words).ljust(max_width)
        else:
            q, r = divmod(max_width - (width - gaps), gaps)
            line = "".join(w + " " * (q + (k < r)) for k, w in enumerate(line_words[:-1]))
            line += line_words[-1]
        lines.append(line)
    return lines
