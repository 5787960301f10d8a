"""Text justification: choose each line's words greedily, then build it with divmod over the gaps."""


def full_justify(words: list[str], max_width: int) -> list[str]:
    lines, i, n = [], 0, len(words)
    while i < n:
        j, width = i + 1, len(words[i])  # width counts one space per gap
        while j < n and width + 1 + len(words[j]) <= max_width:
            width += 1 + len(words[j])
            j += 1
        line_words, gaps = words[i:j], j - i - 1
        if j == n or gaps == 0:  # the last line, or a single word: left-justify
            line = " ".join(line_words).ljust(max_width)
        else:
            spaces = max_width - (width - gaps)  # max_width minus the letters
            q, r = divmod(spaces, gaps)
            line = "".join(w + " " * (q + (k < r)) for k, w in enumerate(line_words[:-1]))
            line += line_words[-1]
        lines.append(line)
        i = j
    return lines
