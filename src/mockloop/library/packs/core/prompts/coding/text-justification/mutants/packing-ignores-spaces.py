"""Mutant: packs a line by letters only, forgetting the space each further word needs."""


def full_justify(words: list[str], max_width: int) -> list[str]:
    lines, i, n = [], 0, len(words)
    while i < n:
        j, letters = i + 1, len(words[i])
        while j < n and letters + len(words[j]) <= max_width:
            letters += len(words[j])
            j += 1
        width = letters + (j - i - 1)
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
