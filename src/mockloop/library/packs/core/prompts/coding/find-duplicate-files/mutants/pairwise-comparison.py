"""Mutant: compares every pair of files' contents instead of grouping with a dictionary: O(F^2)."""


def find_duplicate(paths: list[str]) -> list[list[str]]:
    files = []
    for line in paths:
        directory, *tokens = line.split(" ")
        for token in tokens:
            i = token.index("(")
            files.append((f"{directory}/{token[:i]}", token[i + 1 : -1]))
    grouped = [False] * len(files)
    duplicates = []
    for i, (path, content) in enumerate(files):
        if grouped[i]:
            continue
        group = [path]
        for j in range(i + 1, len(files)):
            if not grouped[j] and files[j][1] == content:
                grouped[j] = True
                group.append(files[j][0])
        if len(group) > 1:
            duplicates.append(sorted(group))
    duplicates.sort(key=lambda group: group[0])
    return duplicates
