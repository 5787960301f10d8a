"""A prompt for hostile programs: run() does the damage; its return value is shown as `got`."""

from harness import expect, visible


@visible
def test_run(solution):
    """Calls run(); a harmless program returns None."""
    expect(solution.run(), None, input="run()")


def test_after_run(solution):
    """A test after run(), to show the harness carried on."""
