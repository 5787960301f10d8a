"""Mutant: a recursive DFS over the email graph, which hits the recursion limit on a long chain."""

from collections import defaultdict


def accounts_merge(accounts: list[list[str]]) -> list[list[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    name_of: dict[str, str] = {}
    for name, *emails in accounts:
        first = emails[0]
        for email in emails:
            graph[first].add(email)
            graph[email].add(first)
            name_of[email] = name

    seen: set[str] = set()

    def dfs(email: str, found: list[str]) -> None:
        seen.add(email)
        found.append(email)
        for other in graph[email]:
            if other not in seen:
                dfs(other, found)

    merged = []
    for email in graph:
        if email not in seen:
            found: list[str] = []
            dfs(email, found)
            merged.append([name_of[email], *sorted(found)])
    merged.sort(key=lambda entry: entry[1])
    return merged
