"""A small prompt for the verdict's shape: add(a, b) and divide(a, b), visible and hidden tests."""

from harness import expect, given, visible


@visible
def test_add_small_numbers(solution):
    """add(1, 2) is 3."""
    given("add(1, 2)")
    expect(solution.add(1, 2), 3, input="add(1, 2)")


@visible
def test_divide_evenly(solution):
    """divide(6, 3) is 2."""
    given("divide(6, 3)")
    expect(solution.divide(6, 3), 2, input="divide(6, 3)")


def test_add_secret_numbers(solution):
    """add() handles large negative numbers."""
    given("add(-424242, -1)")
    expect(solution.add(-424242, -1), -424243, input="add(-424242, -1)")


def test_divide_secret_numbers(solution):
    """divide() handles a negative dividend."""
    given("divide(-909090, 10)")
    expect(solution.divide(-909090, 10), -90909, input="divide(-909090, 10)")
