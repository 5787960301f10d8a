"""Tests for accounts-merge: accounts_merge(accounts) -> one [name, *sorted emails] per person.

Accounts that share an email, directly or through a chain, are one person; the same name alone
is not. Results are compared exactly (emails sorted by code point, people sorted by their first
email), and the input must be unchanged after the call. See docs/judge.md for the format.
"""

import random

from harness import Mismatch, expect, given, visible


def show(accounts):
    """The accounts as Python, shortened when long."""
    if len(accounts) <= 8 and sum(map(len, accounts)) <= 40:
        return repr(accounts)
    head = ", ".join(repr(account[:6]) for account in accounts[:3])
    return f"<{len(accounts)} accounts: [{head}, ...]>"


def check(solution, accounts, expected):
    """Call accounts_merge, compare exactly, and check that the input was left alone."""
    call = f"accounts_merge({show(accounts)})"
    given(call)
    before = [list(account) for account in accounts]
    got = solution.accounts_merge(accounts)
    expect(got, expected, input=call)
    if accounts != before:
        raise Mismatch(show(accounts), show(before), f"accounts after {call} (must not change)")


def brute_force(accounts):
    """Each account absorbs every group it shares an email with. O(n^2), plainly correct."""
    groups = []
    for name, *emails in accounts:
        mine = set(emails)
        keep = []
        for other_name, other in groups:
            if other & mine:
                mine |= other
            else:
                keep.append((other_name, other))
        groups = keep + [(name, mine)]
    return sorted(([name, *sorted(emails)] for name, emails in groups), key=lambda e: e[1])


@visible
def test_the_example_from_the_statement(solution):
    """The statement's example: a shared email merges, a shared name does not."""
    check(solution, [
        ["Ana", "ana@x.io", "a.b@x.io"],
        ["Bo", "bo@y.io"],
        ["Ana", "ana.k@z.io", "ana@x.io"],
        ["Ana", "ana@w.io"],
        ["Bo", "bo@y.io", "bo@y.io", "b2@y.io"],
    ], [
        ["Ana", "a.b@x.io", "ana.k@z.io", "ana@x.io"],
        ["Ana", "ana@w.io"],
        ["Bo", "b2@y.io", "bo@y.io"],
    ])  # fmt: skip


@visible
def test_no_accounts_give_an_empty_list(solution):
    """No accounts at all give an empty list."""
    check(solution, [], [])


def test_a_later_account_can_join_two_earlier_people(solution):
    """An account sharing one email with each of two earlier groups merges all three."""
    check(
        solution, [["X", "a", "b"], ["X", "c", "d"], ["X", "b", "c"]], [["X", "a", "b", "c", "d"]]
    )
    check(solution, [
        ["K", "k1@m"], ["K", "k2@m"], ["K", "k3@m"], ["K", "k4@m"],
        ["K", "k2@m", "k5@m"], ["K", "k5@m", "k1@m"], ["K", "k4@m", "k3@m"], ["K", "k3@m", "k2@m"],
    ], [["K", "k1@m", "k2@m", "k3@m", "k4@m", "k5@m"]])  # fmt: skip


def test_links_are_transitive_along_a_chain(solution):
    """A-B and B-C share emails, A and C share none: still one person."""
    check(solution, [
        ["Lee", "l3@q", "l4@q"], ["Lee", "l1@q", "l2@q"], ["Lee", "l2@q", "l3@q"],
        ["Lee", "l5@q"], ["Lee", "l4@q", "l5@q"],
    ], [["Lee", "l1@q", "l2@q", "l3@q", "l4@q", "l5@q"]])  # fmt: skip


def test_the_same_name_without_a_shared_email_is_another_person(solution):
    """Accounts with one name and no email in common stay separate people."""
    check(solution, [["Sam", "s1@a"], ["Sam", "s2@a"], ["Sam", "s3@a", "s1@a"]], [
        ["Sam", "s1@a", "s3@a"], ["Sam", "s2@a"],
    ])  # fmt: skip


def test_a_repeated_email_is_listed_once(solution):
    """Duplicates within an account and across accounts appear once in the result."""
    check(solution, [
        ["Mo", "m@x", "m@x", "n@x"], ["Mo", "n@x", "m@x", "n@x"], ["Jo", "j@x", "j@x"],
    ], [["Jo", "j@x"], ["Mo", "m@x", "n@x"]])  # fmt: skip


def test_emails_sort_by_code_point_and_the_name_stays_first(solution):
    """Emails sort by code point (digits, capitals, then lowercase) and the name is never sorted in."""
    check(solution, [["zoe", "zoe@b.io", "Zoe@b.io", "amy.zoe@b.io"], ["zoe", "1zoe@b.io", "zoe@b.io"]], [
        ["zoe", "1zoe@b.io", "Zoe@b.io", "amy.zoe@b.io", "zoe@b.io"],
    ])  # fmt: skip
    check(solution, [["bob", "b@x", "a@x"], ["al", "c@x"]], [["bob", "a@x", "b@x"], ["al", "c@x"]])


def test_people_are_ordered_by_their_first_email(solution):
    """The result is sorted by each person's first email, not by input order or name."""
    check(solution, [
        ["Ann", "w@m"], ["Ben", "x@m", "c@m"], ["Cat", "b@m"], ["Dan", "z@m", "a@m"], ["Eve", "d@m"],
    ], [
        ["Dan", "a@m", "z@m"], ["Cat", "b@m"], ["Ben", "c@m", "x@m"], ["Eve", "d@m"], ["Ann", "w@m"],
    ])  # fmt: skip


def test_the_input_is_not_modified(solution):
    """The accounts list and every account in it are unchanged after the call."""
    check(solution, [["Q", "q3@s", "q1@s"], ["R", "r2@s", "r1@s"], ["S", "s@s"]], [
        ["Q", "q1@s", "q3@s"], ["R", "r1@s", "r2@s"], ["S", "s@s"],
    ])  # fmt: skip


def test_a_long_chain_of_linked_accounts_needs_no_recursion(solution):
    """10,000 accounts, each linked to the next, merge into one person without a RecursionError."""
    n = 10_000
    chain = [["Z", f"e{i:05d}@c", f"e{i + 1:05d}@c"] for i in range(n)]
    expected = [["Z", *(f"e{i:05d}@c" for i in range(n + 1))]]
    check(solution, chain[::-1], expected)
    rng = random.Random(72)
    rng.shuffle(chain)
    check(solution, chain, expected)


def test_ten_thousand_accounts_and_fifty_thousand_emails(solution):
    """The largest input: 10^4 accounts, 5x10^4 emails, many people sharing a few names."""
    rng = random.Random(721)
    accounts, people = [], []
    for person in range(2000):
        name = f"N{rng.randrange(40)}"
        tag = (person * 7919) % 10007
        emails = []
        for _ in range(5):  # each account after the first reuses an email of an earlier one
            new = [f"u{tag}.{len(emails) + j}@m.io" for j in range(rng.randrange(1, 7))]
            listed = new + new[:1] + ([emails[rng.randrange(len(emails))]] if emails else [])
            emails += new
            listed.reverse()
            accounts.append([name, *listed])
        people.append([name, *sorted(emails)])
    rng.shuffle(accounts)
    people.sort(key=lambda entry: entry[1])
    check(solution, accounts, people)


def test_random_accounts_match_a_brute_force_merge(solution):
    """Hundreds of small random inputs agree with a brute-force merge."""
    rng = random.Random(7210)
    for _ in range(400):
        accounts = []
        for _ in range(rng.randint(1, 9)):
            person = rng.randrange(6)  # emails never cross people
            emails = [f"p{person}m{rng.randrange(4)}@q.io" for _ in range(rng.randint(1, 3))]
            accounts.append([f"N{person % 3}", *emails])  # different people share names
        check(solution, accounts, brute_force(accounts))
