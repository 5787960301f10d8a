"""Mutant: joins directory and name without the "/"."""

from collections import defaultdict


def find_duplicate(paths: list[str]) -> list[list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for line in paths:
        directory, *files = line.split(" ")
        for token in files:
            i = token.index("(")  # the name ends at the first "(", the content at the final ")"
            groups[token[i + 1 : -1]].append(f"{directory}{token[:i]}")
    duplicates = [sorted(group) for group in groups.values() if len(group) > 1]
    duplicates.sort(key=lambda group: group[0])
    return duplicates
