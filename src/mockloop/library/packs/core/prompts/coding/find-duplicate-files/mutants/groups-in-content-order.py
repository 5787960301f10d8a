"""Mutant: sorts the groups by their content instead of by their first path."""

from collections import defaultdict


def find_duplicate(paths: list[str]) -> list[list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for line in paths:
        directory, *files = line.split(" ")
        for token in files:
            i = token.index("(")  # the name ends at the first "(", the content at the final ")"
            groups[token[i + 1 : -1]].append(f"{directory}/{token[:i]}")
    return [sorted(groups[content]) for content in sorted(groups) if len(groups[content]) > 1]
