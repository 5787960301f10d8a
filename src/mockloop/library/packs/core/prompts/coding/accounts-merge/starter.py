def accounts_merge(accounts: list[list[str]]) -> list[list[str]]:
    """Merge the accounts that share an email (transitively) into one entry per person.

    Each account is [name, email_1, ..., email_k]. Return [name, *emails] per person, its
    distinct emails sorted ascending, and the entries sorted by their first email. Accounts
    with the same name but no shared email chain are different people. Do not modify accounts.
    """
    raise NotImplementedError
