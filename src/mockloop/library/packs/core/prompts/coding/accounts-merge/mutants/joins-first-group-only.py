"""Mutant: an account joins the first earlier group it shares an email with; groups never merge."""


def accounts_merge(accounts: list[list[str]]) -> list[list[str]]:
    groups: list[tuple[str, set[str]]] = []
    for name, *emails in accounts:
        mine = set(emails)
        for _, other in groups:
            if other & mine:
                other |= mine
                break
        else:
            groups.append((name, mine))
    merged = [[name, *sorted(emails)] for name, emails in groups]
    merged.sort(key=lambda entry: entry[1])
    return merged
