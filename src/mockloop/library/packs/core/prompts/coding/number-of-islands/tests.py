"""Tests for number-of-islands: num_islands(grid) -> the number of 4-connected groups of "1".

Grids are lists of rows of the strings "1" and "0". Every check passes the caller's grid
itself and then compares it with a copy taken before the call: it must be unchanged.
Answers come from the statement, from grids built with a known count, or from a union-find
written here. See docs/judge.md for the format.
"""

import random

from harness import Mismatch, expect, given, visible


def parse(*rows):
    """A grid from row strings: parse("110", "001") == [["1", "1", "0"], ["0", "0", "1"]]."""
    return [list(row) for row in rows]


def shown(grid):
    """The call's argument, or its size and first rows when it is large."""
    if len(grid) <= 10 and all(len(row) <= 10 for row in grid):
        return repr(grid)
    rows = ", ".join(repr("".join(row)) for row in grid[:3])
    return f"<a {len(grid)} x {len(grid[0])} grid with rows {rows}, ...>"


def check(solution, grid, expected):
    """num_islands(grid) must be expected, and grid must be unchanged afterwards."""
    before = [list(row) for row in grid]
    call = f"num_islands({shown(grid)})"
    given(call)
    got = solution.num_islands(grid)
    expect(got, expected, input=call)
    if grid != before:
        summary = "the grid was modified"
        raise Mismatch("a modified grid", "the grid unchanged", f"grid after {call}", summary)


def union_find_count(grid):
    """A plainly correct model: union each land cell with its right and lower land neighbours."""
    parent = {}

    def find(cell):
        while parent[cell] != cell:
            parent[cell] = parent[parent[cell]]
            cell = parent[cell]
        return cell

    land = [(r, c) for r, row in enumerate(grid) for c, cell in enumerate(row) if cell == "1"]
    for cell in land:
        parent[cell] = cell
    components = len(land)
    for r, c in land:
        for other in ((r + 1, c), (r, c + 1)):
            if other in parent and find(other) != find((r, c)):
                parent[find(other)] = find((r, c))
                components -= 1
    return components


@visible
def test_the_examples_from_the_statement(solution):
    """The statement's examples: three islands, a diagonal pattern, a single row."""
    check(solution, parse("11000", "11000", "00100", "00011"), 3)
    check(solution, parse("101", "010", "101"), 5)
    check(solution, parse("101"), 2)


def test_diagonal_contact_does_not_connect(solution):
    """Cells that touch only at a corner are separate islands."""
    check(solution, parse("10101", "01010", "10101", "01010", "10101"), 13)
    check(solution, parse("10", "01"), 2)
    check(solution, parse("1001", "0110", "0110", "1001"), 5)


def test_land_on_opposite_edges_stays_apart(solution):
    """The first and last rows, and the first and last columns, are not neighbours."""
    check(solution, parse("1001"), 2)
    check(solution, parse("1", "0", "1"), 2)
    check(solution, parse("101", "000", "101"), 4)
    check(solution, parse("1000", "0000", "1001"), 3)
    check(solution, parse("1100", "0000", "0011", "0000", "1001"), 4)


def test_grids_without_land(solution):
    """Empty grids, and grids of water only, give 0."""
    check(solution, [], 0)
    check(solution, [[]], 0)
    check(solution, [[], []], 0)
    check(solution, parse("0"), 0)
    check(solution, parse("000", "000"), 0)


def test_one_count_per_island_not_per_cell(solution):
    """A large island counts once, whatever its shape."""
    check(solution, parse("1"), 1)
    check(solution, parse("111", "111", "111"), 1)
    check(solution, parse("101", "101", "111"), 1)  # a U
    check(
        solution, parse("11111", "10001", "10101", "10001", "11111"), 2
    )  # a ring around an island
    check(solution, parse("1111", "0001", "1101", "1001", "1111"), 1)  # a spiral


def test_rectangular_grids(solution):
    """Grids with more columns than rows, or more rows than columns."""
    check(solution, parse("1011001"), 3)
    check(solution, parse("1", "1", "0", "1", "0", "0", "1"), 3)
    check(solution, parse("110011", "000000"), 2)
    check(solution, parse("10", "00", "01", "01", "00", "10"), 3)


def test_the_grid_is_not_modified(solution):
    """The caller's grid holds the same cells after the call."""
    check(solution, parse("11000", "11000", "00100", "00011"), 3)
    check(solution, parse("111", "010", "111"), 1)


def test_a_300_by_300_grid_of_land(solution):
    """An all-land 300 x 300 grid is one island, with no RecursionError."""
    check(solution, [["1"] * 300 for _ in range(300)], 1)


def test_a_snake_island_through_the_whole_grid(solution):
    """A single island winding through a 300 x 300 grid, with no RecursionError."""
    grid = []
    for row in range(300):
        if row % 2 == 0:
            grid.append(["1"] * 300)
        else:
            line = ["0"] * 300
            line[-1 if row % 4 == 1 else 0] = "1"
            grid.append(line)
    check(solution, grid, 1)


def test_random_grids_match_union_find(solution):
    """Hundreds of random grids of various shapes and densities agree with a union-find."""
    rng = random.Random(200)
    for _ in range(300):
        rows, cols = rng.randint(1, 12), rng.randint(1, 12)
        density = rng.choice((0.2, 0.45, 0.6, 0.8))
        grid = [["1" if rng.random() < density else "0" for _ in range(cols)] for _ in range(rows)]
        check(solution, grid, union_find_count(grid))
