def ladder_length(begin_word: str, end_word: str, word_list: list[str]) -> int:
    """Return the number of words in the shortest ladder from begin_word to end_word, or 0.

    Consecutive words differ in exactly one position, and every word after begin_word must be
    in word_list (begin_word need not be). Do not modify word_list.
    """
    raise NotImplementedError
