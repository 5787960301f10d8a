"""Mutant: a DFS with one visited flag treats any course met again as a cycle, so a diamond is rejected."""


def find_order(num_courses: int, prerequisites: list[list[int]]) -> list[int]:
    unlocks: list[list[int]] = [[] for _ in range(num_courses)]
    for course, before in prerequisites:
        unlocks[before].append(course)
    visited = [False] * num_courses
    postorder: list[int] = []
    for start in range(num_courses):
        if visited[start]:
            continue
        visited[start] = True
        stack = [(start, iter(unlocks[start]))]
        while stack:
            course, successors = stack[-1]
            for after in successors:
                if visited[after]:
                    return []  # cannot tell "on the current path" from "already finished"
                visited[after] = True
                stack.append((after, iter(unlocks[after])))
                break
            else:
                stack.pop()
                postorder.append(course)
    return postorder[::-1]
