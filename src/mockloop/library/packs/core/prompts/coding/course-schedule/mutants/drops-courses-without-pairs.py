"""Mutant: builds the graph only from courses named in pairs, so courses without any pair are left out."""

from collections import deque


def find_order(num_courses: int, prerequisites: list[list[int]]) -> list[int]:
    unlocks: dict[int, list[int]] = {}
    waiting_on: dict[int, int] = {}
    for course, before in prerequisites:
        unlocks.setdefault(before, []).append(course)
        unlocks.setdefault(course, [])
        waiting_on[course] = waiting_on.get(course, 0) + 1
        waiting_on.setdefault(before, 0)
    ready = deque(course for course in sorted(waiting_on) if waiting_on[course] == 0)
    order = []
    while ready:
        course = ready.popleft()
        order.append(course)
        for after in unlocks[course]:
            waiting_on[after] -= 1
            if waiting_on[after] == 0:
                ready.append(after)
    return order if len(order) == len(waiting_on) else []
