"""Mutant: a correct three-colour DFS, but recursive, so a long chain raises RecursionError."""

WHITE, GRAY, BLACK = 0, 1, 2


def find_order(num_courses: int, prerequisites: list[list[int]]) -> list[int]:
    unlocks: list[list[int]] = [[] for _ in range(num_courses)]
    for course, before in prerequisites:
        unlocks[before].append(course)
    color = [WHITE] * num_courses
    postorder: list[int] = []

    def visit(course: int) -> bool:
        color[course] = GRAY
        for after in unlocks[course]:
            if color[after] == GRAY:
                return False
            if color[after] == WHITE and not visit(after):
                return False
        color[course] = BLACK
        postorder.append(course)
        return True

    for course in range(num_courses):
        if color[course] == WHITE and not visit(course):
            return []
    return postorder[::-1]
