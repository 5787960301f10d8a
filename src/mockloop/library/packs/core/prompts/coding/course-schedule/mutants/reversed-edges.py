"""Mutant: builds the edge a -> b for the pair [a, b], so each course comes before its prerequisite."""

from collections import deque


def find_order(num_courses: int, prerequisites: list[list[int]]) -> list[int]:
    unlocks: list[list[int]] = [[] for _ in range(num_courses)]
    waiting_on = [0] * num_courses
    for course, before in prerequisites:
        unlocks[course].append(before)
        waiting_on[before] += 1
    ready = deque(course for course in range(num_courses) if waiting_on[course] == 0)
    order = []
    while ready:
        course = ready.popleft()
        order.append(course)
        for after in unlocks[course]:
            waiting_on[after] -= 1
            if waiting_on[after] == 0:
                ready.append(after)
    return order if len(order) == num_courses else []
