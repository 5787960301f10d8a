"""Mutant: union sets parent[a] = b, linking the nodes rather than their roots."""

from collections import defaultdict


def accounts_merge(accounts: list[list[str]]) -> list[list[str]]:
    n = len(accounts)
    parent = list(range(n))

    def find(x: int) -> int:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:  # path compression, iteratively: no recursion limit
            parent[x], x = root, parent[x]
        return root

    def union(a: int, b: int) -> None:
        if find(a) != find(b):
            parent[a] = b

    owner: dict[str, int] = {}  # email -> the first account that listed it
    for i, account in enumerate(accounts):
        for email in account[1:]:
            if email in owner:
                union(i, owner[email])
            else:
                owner[email] = i

    groups: dict[int, list[str]] = defaultdict(list)
    for email, i in owner.items():  # each distinct email once
        groups[find(i)].append(email)
    merged = [[accounts[root][0], *sorted(emails)] for root, emails in groups.items()]
    merged.sort(key=lambda entry: entry[1])
    return merged
