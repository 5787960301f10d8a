def full_justify(words: list[str], max_width: int) -> list[str]:
    """Lay the words out greedily in lines of exactly max_width characters, fully justified.

    A line of two or more words that is not the last spreads its spaces as evenly as possible,
    the leftmost gaps getting the extra ones. A single-word line, and the last line (words
    separated by one space), are left-justified and padded with spaces. Do not modify words.
    """
    raise NotImplementedError
