"""Mutant: merges accounts by name, so two people with the same name become one."""


def accounts_merge(accounts: list[list[str]]) -> list[list[str]]:
    by_name: dict[str, set[str]] = {}
    for name, *emails in accounts:
        by_name.setdefault(name, set()).update(emails)
    merged = [[name, *sorted(emails)] for name, emails in by_name.items()]
    merged.sort(key=lambda entry: entry[1])
    return merged
