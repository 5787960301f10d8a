"""Mutant: collects groups separately for each directory, so equal files in different directories are not merged."""

from collections import defaultdict


def find_duplicate(paths: list[str]) -> list[list[str]]:
    per_directory = []
    for line in paths:
        groups: dict[str, list[str]] = defaultdict(list)
        per_directory.append(groups)
        directory, *files = line.split(" ")
        for token in files:
            i = token.index("(")  # the name ends at the first "(", the content at the final ")"
            groups[token[i + 1 : -1]].append(f"{directory}/{token[:i]}")
    duplicates = [sorted(g) for groups in per_directory for g in groups.values() if len(g) > 1]
    duplicates.sort(key=lambda group: group[0])
    return duplicates
