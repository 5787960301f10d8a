"""Tests for in-memory-file-system: FileSystem() with ls, mkdir, add_content_to_file and
read_content_from_file on absolute paths.

Each test replays calls on a fresh file system and checks every result, and every error
(FileNotFoundError, NotADirectoryError, IsADirectoryError, FileExistsError) where one is due.
See docs/judge.md for the format.
"""

import random

from harness import Mismatch, expect, given, same, visible

METHODS = {
    "ls": "ls",
    "mkdir": "mkdir",
    "add": "add_content_to_file",
    "read": "read_content_from_file",
}


class Raised:
    """Stands for "raises <error>" in a failure message."""

    def __init__(self, error):
        self.error = error

    def __repr__(self):
        return f"{self.error.__name__} raised"


def replay(solution, steps, fs=None, calls=None):
    """Run steps on a fresh FileSystem (or fs) and check each one; return the file system.

    A step is (op, path, [content,] expected): op is "ls", "mkdir", "add" or "read"; expected is
    the return value, or an exception class the call must raise. mkdir and add steps expect None
    unless they name an error, and their return value is not checked.
    """
    calls = calls if calls is not None else ["fs = FileSystem()"]
    given(lambda: shorten(calls))
    if fs is None:
        fs = solution.FileSystem()
    for step in steps:
        op, *args = step
        expected = None
        if op in ("ls", "read") or (len(args) == (3 if op == "add" else 2)):
            *args, expected = args
        calls.append(f"fs.{METHODS[op]}({', '.join(map(repr, args))})")
        method = getattr(fs, METHODS[op])
        if isinstance(expected, type):
            try:
                got = method(*args)
            except expected:
                continue
            except OSError as error:
                raise Mismatch(Raised(type(error)), Raised(expected), shorten(calls)) from None
            raise Mismatch(got, Raised(expected), shorten(calls))
        got = method(*args)
        if op in ("ls", "read") and not same(got, expected):
            expect(got, expected, input=shorten(calls))
    return fs


def shorten(calls):
    """The calls that led to a failure: the constructor and the last 20 steps."""
    if len(calls) <= 22:
        return "; ".join(calls)
    return f"{calls[0]}; ... {len(calls) - 21} more calls ...; " + "; ".join(calls[-20:])


class ModelFS:
    """A plainly correct file system: a flat dict, full path -> None (directory) or content."""

    def __init__(self):
        self.nodes = {"": None}

    @staticmethod
    def parents(path):
        parts = path.split("/")
        return ["/".join(parts[:i]) for i in range(1, len(parts))]

    def blocked(self, path):
        return any(self.nodes.get(parent) is not None for parent in self.parents(path))

    def key(self, path):
        return "" if path == "/" else path

    def step(self, op, path, content=""):
        """The expected outcome of one call (a value or an exception class); applies it."""
        key = self.key(path)
        if key and self.blocked(key):
            return NotADirectoryError
        node = self.nodes.get(key, False)
        if op == "ls":
            if node is False:
                return FileNotFoundError
            if node is not None:
                return [key.rsplit("/", 1)[1]]
            prefix = key + "/"
            return sorted(
                {p[len(prefix) :].split("/")[0] for p in self.nodes if p.startswith(prefix)}
            )
        if op == "read":
            if node is False:
                return FileNotFoundError
            return IsADirectoryError if node is None else node
        if op == "mkdir":
            if isinstance(node, str):
                return FileExistsError
            for parent in self.parents(key)[1:] + ([key] if key else []):
                self.nodes.setdefault(parent, None)
            return None
        if node is None:  # add to a directory
            return IsADirectoryError
        for parent in self.parents(key)[1:]:
            self.nodes.setdefault(parent, None)
        self.nodes[key] = (node or "") + content
        return None


def random_steps(rng, count, names, depth):
    model, steps = ModelFS(), []
    for _ in range(count):
        path = "/" + "/".join(rng.choice(names) for _ in range(rng.randint(1, depth)))
        if rng.random() < 0.05:
            path = "/"
        op = rng.choice(["ls", "mkdir", "add", "add", "read", "read"])
        if op == "add":
            content = rng.choice(["x", "yz", "", "42"])
            outcome = model.step(op, path, content)
            steps.append(("add", path, content, outcome) if outcome else ("add", path, content))
        else:
            outcome = model.step(op, path)
            steps.append((op, path, outcome) if op in ("ls", "read") or outcome else (op, path))
    steps.append(("ls", "/", model.step("ls", "/")))
    return steps


@visible
def test_the_example_from_the_statement(solution):
    """The statement's example: mkdir -p, a file, listing, appending, and two errors."""
    replay(solution, [
        ("ls", "/", []),
        ("mkdir", "/a/b/c"),
        ("add", "/a/b/c/d", "hello"),
        ("ls", "/", ["a"]),
        ("ls", "/a/b/c/d", ["d"]),
        ("read", "/a/b/c/d", "hello"),
        ("add", "/a/b/c/d", " world"),
        ("read", "/a/b/c/d", "hello world"),
        ("read", "/a/b", IsADirectoryError),
        ("mkdir", "/a/b/c/d/e", NotADirectoryError),
    ])  # fmt: skip


@visible
def test_ls_of_a_file_is_its_own_name(solution):
    """ls() of a file returns a one-element list with the file's name, not its path."""
    replay(solution, [
        ("add", "/notes.txt", "x"), ("ls", "/notes.txt", ["notes.txt"]),
        ("add", "/d/e/f.log", ""), ("ls", "/d/e/f.log", ["f.log"]), ("ls", "/d/e", ["f.log"]),
    ])  # fmt: skip


def test_ls_is_sorted_in_plain_string_order(solution):
    """A directory lists files and directories together, sorted as Python sorts strings."""
    replay(solution, [
        ("mkdir", "/d/zeta"), ("add", "/d/m.txt", ""), ("mkdir", "/d/9"), ("add", "/d/10", "t"),
        ("mkdir", "/d/alpha"), ("add", "/d/a.b", "u"), ("mkdir", "/d/a"), ("add", "/d/b0", ""),
        ("ls", "/d", ["10", "9", "a", "a.b", "alpha", "b0", "m.txt", "zeta"]),
        ("ls", "/", ["d"]),
    ])  # fmt: skip


def test_ls_returns_a_new_list_each_time(solution):
    """Changing a list ls() returned does not change the file system or later listings."""
    calls = ["fs = FileSystem()"]
    fs = replay(solution, [("mkdir", "/x/b"), ("mkdir", "/x/a"), ("add", "/x/c", "")], calls=calls)
    for path in ("/x", "/x/c", "/"):
        listing = fs.ls(path)
        calls.append(f"names = fs.ls({path!r}); names.append('zz'); names.reverse()")
        listing.append("zz")
        listing.reverse()
    replay(solution, [
        ("ls", "/x", ["a", "b", "c"]), ("ls", "/x/c", ["c"]), ("ls", "/", ["x"]),
        ("ls", "/x/zz", FileNotFoundError),
    ], fs=fs, calls=calls)  # fmt: skip


def test_add_content_appends_and_creates(solution):
    """add_content_to_file appends to a file, and creates it (even with "") with its parents."""
    replay(solution, [
        ("add", "/f", "ab"), ("add", "/f", "cd"), ("add", "/f", ""), ("add", "/f", "e"),
        ("read", "/f", "abcde"), ("add", "/p/q/r/empty", ""), ("read", "/p/q/r/empty", ""),
        ("ls", "/p", ["q"]), ("ls", "/p/q", ["r"]), ("ls", "/p/q/r", ["empty"]),
        ("ls", "/", ["f", "p"]),
    ])  # fmt: skip


def test_mkdir_creates_parents_and_keeps_what_exists(solution):
    """mkdir creates every missing parent, and on an existing directory changes nothing."""
    replay(solution, [
        ("mkdir", "/a/b/c/d"), ("ls", "/a", ["b"]), ("ls", "/a/b/c", ["d"]),
        ("ls", "/a/b/c/d", []), ("add", "/a/b/f", "keep"), ("mkdir", "/a/b"), ("mkdir", "/a"),
        ("mkdir", "/"), ("ls", "/a/b", ["c", "f"]), ("read", "/a/b/f", "keep"),
        ("mkdir", "/a/b/e"), ("ls", "/a/b", ["c", "e", "f"]), ("ls", "/", ["a"]),
    ])  # fmt: skip


def test_missing_paths_raise_file_not_found(solution):
    """ls and read_content_from_file of a missing path raise FileNotFoundError."""
    replay(solution, [
        ("ls", "/nope", FileNotFoundError), ("read", "/nope", FileNotFoundError),
        ("mkdir", "/a/b"), ("ls", "/a/c", FileNotFoundError),
        ("read", "/a/b/c", FileNotFoundError), ("ls", "/a/x/y", FileNotFoundError),
        ("read", "/q/r", FileNotFoundError), ("ls", "/", ["a"]), ("ls", "/a", ["b"]),
    ])  # fmt: skip


def test_a_path_through_a_file_raises_not_a_directory(solution):
    """Every call whose path passes through a file raises NotADirectoryError and changes nothing."""
    replay(solution, [
        ("add", "/a/f", "data"),
        ("ls", "/a/f/x", NotADirectoryError), ("read", "/a/f/x", NotADirectoryError),
        ("mkdir", "/a/f/x", NotADirectoryError), ("add", "/a/f/x", "y", NotADirectoryError),
        ("mkdir", "/a/f/x/y/z", NotADirectoryError), ("add", "/a/f/g/h", "", NotADirectoryError),
        ("ls", "/a/f", ["f"]), ("read", "/a/f", "data"), ("ls", "/a", ["f"]),
        ("ls", "/a/f/x/y", NotADirectoryError),
    ])  # fmt: skip


def test_directories_are_not_files(solution):
    """Reading or appending to a directory, "/" included, raises IsADirectoryError."""
    replay(solution, [
        ("mkdir", "/d/e"), ("read", "/d", IsADirectoryError), ("read", "/d/e", IsADirectoryError),
        ("add", "/d/e", "x", IsADirectoryError), ("add", "/d", "", IsADirectoryError),
        ("read", "/", IsADirectoryError), ("add", "/", "x", IsADirectoryError),
        ("ls", "/d/e", []), ("ls", "/d", ["e"]), ("ls", "/", ["d"]),
    ])  # fmt: skip


def test_mkdir_over_a_file_raises_file_exists(solution):
    """mkdir of a path that is a file raises FileExistsError and leaves the file as it was."""
    replay(solution, [
        ("add", "/k/f", "v"), ("mkdir", "/k/f", FileExistsError), ("read", "/k/f", "v"),
        ("ls", "/k/f", ["f"]), ("add", "/top", ""), ("mkdir", "/top", FileExistsError),
        ("ls", "/", ["k", "top"]), ("read", "/top", ""),
    ])  # fmt: skip


def test_names_that_share_a_prefix_are_distinct(solution):
    """/a, /ab and /a.b are separate entries; listing /a does not show /ab's children."""
    replay(solution, [
        ("mkdir", "/a/x"), ("mkdir", "/ab/y"), ("add", "/a.b", "1"), ("add", "/a/xy", "2"),
        ("ls", "/a", ["x", "xy"]), ("ls", "/ab", ["y"]), ("ls", "/", ["a", "a.b", "ab"]),
        ("read", "/a/xy", "2"), ("read", "/a/x", IsADirectoryError),
        ("read", "/a.b", "1"), ("ls", "/a/x", []),
    ])  # fmt: skip


def test_long_random_sequences_match_a_correct_file_system(solution):
    """Thousands of random calls, errors included, agree with a flat reference model."""
    rng = random.Random(588)
    for names, depth in ((["a", "b"], 3), (["a", "b", "c.txt", "9"], 3), (["x", "y", "z"], 5)):
        for _ in range(5):
            replay(solution, random_steps(rng, 300, names, depth))
