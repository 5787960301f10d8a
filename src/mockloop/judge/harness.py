"""The program that runs inside the sandbox: loads a prompt's tests and a submission, runs each test.

`sandbox.py` starts it, compiled, as `python -I -S -B harness.pyc --dir=... --secret-fd=N
--tests-fd=N --result-fd=N ...`. Before it touches the submission it reads the per-run secret
and the compiled tests from their descriptors, drops root (when asked), sets the rlimits it was
given and closes every inherited descriptor but the result channel. It then reports on that
channel, one JSON object per line, each carrying the secret:

    {"secret": ..., "event": "start", "test": NAME}
    {"secret": ..., "event": "result", "test": NAME, "status": ..., ...}
    {"secret": ..., "event": "load-error", "status": ..., ...}     the submission did not load
    {"secret": ..., "event": "done"}

The judge decides the verdict outside the sandbox from these lines alone; printing or exiting
cannot fake one. Tests import the helpers below with `from harness import expect, visible`.

Every verdict waits for this file to start, so it imports only what a bare interpreter has
already loaded (posix, _signal, marshal, time) plus `resource`, and writes its JSON by hand;
the judge compiles it (and tests.py) to bytecode once, outside the sandbox.
"""

import _signal
import marshal
import posix
import sys
import time

TESTS_FILE = "tests.py"
SOLUTION_FILE = "solution.py"
TEXT_LIMIT = 2000  # characters of any one field sent to the judge
OUTPUT_KEPT = 4000  # characters of a test's printed output kept for the verdict


# --- helpers for tests.py ------------------------------------------------------------------


class Mismatch(Exception):
    """A test's check failed: the submission returned `got` where `expected` was due.

    `summary`, if given, says in one line what differs (a shape, the largest error and where,
    an outcome drawn that should never appear). It is shown for hidden tests too, so it must
    not carry the test's data.
    """

    def __init__(
        self, got: object, expected: object, input: str = "", summary: str | None = None
    ) -> None:
        super().__init__(summary or f"expected {_show(expected)}, got {_show(got)}")
        self.got = got
        self.expected = expected
        self.input = input
        self.summary = summary


def visible(test):  # type: ignore[no-untyped-def]
    """Mark a test as visible: its input, expected value and the value got are shown."""
    test.visible = True
    return test


def expect(got: object, expected: object, *, input: str = "") -> None:
    """Fail the test unless `got` equals `expected` in value and in exact built-in type.

    Exact types stop a submission from passing with an object whose __eq__ always says yes.
    `input` says, in Python, what was called; visible tests show it.
    """
    if not same(got, expected):
        raise Mismatch(got, expected, input)


def expect_raises(error: type[BaseException], call, *, input: str = "") -> None:  # type: ignore[no-untyped-def]
    """Fail the test unless `call()` raises `error` (or a subclass of it)."""
    try:
        value = call()
    except error:
        return
    raise Mismatch(value, Raises(error), input)


class Raises:
    """Stands for "raises <error>" as an expected value."""

    def __init__(self, error: type[BaseException]) -> None:
        self.error = error

    def __repr__(self) -> str:
        return f"{self.error.__name__} raised"


_given: list[object] = [None]  # what the current test said it is calling: see given()


def given(input) -> None:  # type: ignore[no-untyped-def]
    """Say what the test calls next (a string, or a function that returns one when asked).

    If the submission then raises, a visible test shows this as its input.
    """
    _given[0] = input


def _given_text() -> str | None:
    input = _given[0]
    try:
        return _clip(str(input() if callable(input) else input)) if input is not None else None
    except Exception:  # noqa: BLE001 - a broken description must not break the report
        return None


_SCALARS = (int, str, bool, float, bytes, type(None))


def same(got, expected) -> bool:  # type: ignore[no-untyped-def]
    """Equal in value, with the same built-in type at every level of nesting."""
    kind = type(expected)
    if type(got) is not kind:
        return False
    if kind in _SCALARS:
        return bool(got == expected)
    if kind in (list, tuple):
        return len(got) == len(expected) and all(map(same, got, expected))
    if kind in (set, frozenset):
        # Only plain values inside, so the set comparison below calls no submission code.
        return all(map(_plain, got)) and bool(got == expected)
    if kind is dict:
        return (
            all(map(_plain, got))
            and got.keys() == expected.keys()
            and all(same(got[key], expected[key]) for key in expected)
        )
    raise TypeError(f"expect() compares built-in values only, not {kind.__name__}")


def _plain(value) -> bool:  # type: ignore[no-untyped-def]
    """A hashable value of built-in types only: a scalar, or a tuple of plain values."""
    kind = type(value)
    return kind in _SCALARS or (kind is tuple and all(map(_plain, value)))


# --- helpers for numeric and randomised prompts ----------------------------------------------
# numpy and torch are imported only inside these functions: prompts that do not use them pay
# nothing for them.

# (rtol, atol) by dtype, as torch.testing.assert_close chooses them.
TOLERANCES = {
    "float16": (1e-3, 1e-5),
    "bfloat16": (1.6e-2, 1e-5),
    "float32": (1.3e-6, 1e-5),
    "float64": (1e-7, 1e-7),
    "complex64": (1.3e-6, 1e-5),
    "complex128": (1e-7, 1e-7),
}


def _as_array(value, kind: str):  # type: ignore[no-untyped-def]
    """(numpy float64 or original-dtype array, dtype name) of an ndarray or tensor."""
    import numpy

    if kind == "tensor":
        dtype = str(value.dtype).replace("torch.", "")
        tensor = value.detach().cpu()
        if tensor.is_floating_point() and dtype not in ("float64", "float32"):
            tensor = tensor.float()  # numpy has no bfloat16
        return numpy.asarray(tensor.numpy()), dtype
    return value, str(value.dtype)


def _kind(value) -> str | None:  # type: ignore[no-untyped-def]
    """ "tensor", "array", "scalar" or None: what a numeric value is."""
    module = type(value).__module__.split(".")[0]
    if (
        module == "torch"
        and "torch" in sys.modules
        and isinstance(value, sys.modules["torch"].Tensor)
    ):
        return "tensor"
    if module == "numpy" and "numpy" in sys.modules:
        numpy = sys.modules["numpy"]
        if isinstance(value, numpy.ndarray):
            return "array"
        if isinstance(value, numpy.floating | numpy.integer):
            return "scalar"
    if type(value) in (int, float) or isinstance(value, float):
        return "scalar"
    return None


def _index_text(index) -> str:  # type: ignore[no-untyped-def]
    return (
        "(" + ", ".join(str(int(i)) for i in index) + ")"
        if len(index) != 1
        else f"[{int(index[0])}]"
    )


def expect_close(
    got,
    expected,
    *,
    rtol: float | None = None,
    atol: float | None = None,
    input: str = "",
    name: str = "the result",
    check_dtype: bool = False,
) -> None:  # type: ignore[no-untyped-def]
    """Fail unless `got` is a value of the same kind as `expected` (a torch tensor, a numpy
    array or a number), of the same shape, and close to it everywhere:
    |got - expected| <= atol + rtol * |expected|, nan only where nan is expected.

    Tolerances default to those torch.testing uses for expected's dtype (float32: rtol 1.3e-6,
    atol 1e-5; float64: 1e-7 and 1e-7); integers and booleans must be equal. The failure says
    what differs: the kind, the shape, the dtype (with check_dtype), where nan or inf appeared,
    or the largest error, where, and the tolerance.
    """
    import numpy

    want_kind = _kind(expected)
    got_kind = _kind(got)
    if want_kind is None:
        raise TypeError(
            f"expect_close compares tensors, arrays and numbers, not {type(expected).__name__}"
        )
    if got_kind != want_kind and not (
        want_kind == "scalar" and got_kind == "array" and got.shape == ()
    ):
        words = {
            "tensor": "a torch tensor",
            "array": "a numpy array",
            "scalar": "a number",
            None: None,
        }
        wanted, had = words[want_kind], words[got_kind] or f"a {type(got).__name__}"
        raise Mismatch(got, expected, input, f"{name} should be {wanted}, not {had}")
    if want_kind == "scalar":
        if isinstance(got, bool | numpy.bool_):
            raise Mismatch(got, expected, input, f"{name} should be a number, not a bool")
        want = numpy.asarray(expected, dtype=numpy.float64)
        have = numpy.asarray(got, dtype=numpy.float64)
        dtype = "float64" if isinstance(expected, float) else str(numpy.asarray(expected).dtype)
    else:
        want, dtype = _as_array(expected, want_kind)
        have, got_dtype = _as_array(got, want_kind)
        if tuple(have.shape) != tuple(want.shape):
            shape = lambda s: "(" + ", ".join(map(str, s)) + ("," if len(s) == 1 else "") + ")"  # noqa: E731
            raise Mismatch(
                got, expected, input,
                f"{name} has shape {shape(tuple(have.shape))}, expected {shape(tuple(want.shape))}",
            )  # fmt: skip
        if check_dtype and got_dtype != dtype:
            raise Mismatch(got, expected, input, f"{name} has dtype {got_dtype}, expected {dtype}")
    default_rtol, default_atol = TOLERANCES.get(dtype, (0.0, 0.0))
    rtol = default_rtol if rtol is None else rtol
    atol = default_atol if atol is None else atol
    if have.dtype.kind in "biu" and want.dtype.kind in "biu":
        have_f, want_f = have.astype(numpy.float64), want.astype(numpy.float64)
    else:
        if have.dtype.kind not in "biuf" or want.dtype.kind not in "biuf":
            raise Mismatch(
                got, expected, input, f"{name} has dtype {have.dtype}, expected a real number type"
            )
        have_f, want_f = have.astype(numpy.float64), want.astype(numpy.float64)
    where = lambda mask: numpy.argwhere(mask)  # noqa: E731
    scalar = want_f.shape == ()
    at = lambda idx: "" if scalar else f" at index {_index_text(idx)}"  # noqa: E731
    # nan where a number is expected (or the reverse)
    bad_nan = numpy.isnan(have_f) & ~numpy.isnan(want_f)
    if bad_nan.any():
        first = where(bad_nan)[0] if not scalar else ()
        count = int(bad_nan.sum())
        more = f" (nan in {count} of {want_f.size} elements)" if count > 1 else ""
        raise Mismatch(
            got, expected, input, f"{name} is nan{at(first)} where a number is expected{more}"
        )
    missing_nan = ~numpy.isnan(have_f) & numpy.isnan(want_f)
    if missing_nan.any():
        first = where(missing_nan)[0] if not scalar else ()
        raise Mismatch(got, expected, input, f"{name} should be nan{at(first)}")
    with numpy.errstate(invalid="ignore", over="ignore"):
        both = ~numpy.isnan(want_f)
        inf_mismatch = both & (numpy.isinf(have_f) | numpy.isinf(want_f)) & (have_f != want_f)
        if inf_mismatch.any():
            first = where(inf_mismatch)[0] if not scalar else ()
            value = have_f[tuple(first)] if not scalar else float(have_f)
            wanted = want_f[tuple(first)] if not scalar else float(want_f)
            raise Mismatch(
                got, expected, input, f"{name} is {value:g}{at(first)} where {wanted:g} is expected"
            )
        finite = both & numpy.isfinite(want_f)
        error = numpy.where(finite, numpy.abs(have_f - want_f), 0.0)
        allowed = atol + rtol * numpy.abs(numpy.where(finite, want_f, 0.0))
        excess = numpy.where(finite, error - allowed, -1.0)
    if (excess > 0).any():
        worst = numpy.unravel_index(int(numpy.argmax(excess)), excess.shape) if not scalar else ()
        count = int((excess > 0).sum())
        detail = f"{count} of {want_f.size} elements differ; " if not scalar else ""
        raise Mismatch(
            got, expected, input,
            f"{name} differs: abs error {float(error[worst] if not scalar else error):.3g}{at(worst)} "
            f"({detail}tolerance atol {atol:g} + rtol {rtol:g} * |expected|)",
        )  # fmt: skip


def _plain_value(value):  # type: ignore[no-untyped-def]
    """numpy scalars (and tuples of them) as plain Python values, for messages."""
    if isinstance(value, tuple):
        return tuple(map(_plain_value, value))
    item = getattr(value, "item", None)
    return item() if callable(item) and _kind(value) == "scalar" else value


def chi_square_p_value(statistic: float, degrees: int) -> float:
    """P(X >= statistic) for X chi-square with `degrees` degrees of freedom."""
    import math

    if degrees <= 0:
        return 1.0
    a, x = degrees / 2.0, statistic / 2.0
    if x <= 0:
        return 1.0
    log_front = -x + a * math.log(x) - math.lgamma(a)
    if x < a + 1:  # series for the lower tail
        term = total = 1.0 / a
        n = a
        for _ in range(10000):
            n += 1
            term *= x / n
            total += term
            if abs(term) < abs(total) * 1e-15:
                break
        return max(0.0, 1.0 - total * math.exp(log_front))
    # continued fraction for the upper tail (modified Lentz)
    tiny = 1e-300
    b = x + 1 - a
    c = 1 / tiny
    d = 1 / b
    h = d
    for i in range(1, 10000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-15:
            break
    return math.exp(log_front) * h


def expect_distribution(
    draws,
    probabilities,
    *,
    alpha: float = 1e-9,
    input: str = "",
    name: str = "outcome",
) -> None:  # type: ignore[no-untyped-def]
    """Fail unless `draws` (a list of outcomes, or a dict outcome -> count) look like samples
    of `probabilities` (a dict outcome -> probability).

    An outcome of probability 0 (or not listed) must never be drawn. Otherwise a chi-square
    goodness-of-fit test (outcomes expected fewer than 5 times are pooled) fails when its
    p-value is below `alpha`: a correct solution fails with probability at most alpha, so
    choose the number of draws for the power to reject the wrong answers clearly.
    """
    if not isinstance(draws, dict):
        counts: dict[object, int] = {}
        for outcome in draws:
            counts[outcome] = counts.get(outcome, 0) + 1
        draws = counts
    total = sum(draws.values())
    label = lambda outcome: f"{name} {_plain_value(outcome)!r}"  # noqa: E731
    if total == 0:
        raise Mismatch(draws, probabilities, input, "no draws to compare")
    impossible = sorted(
        (
            (count, outcome)
            for outcome, count in draws.items()
            if count and not probabilities.get(outcome, 0)
        ),
        key=lambda pair: -pair[0],
    )
    if impossible:
        shown = ", ".join(f"{label(o)} {c} times" for c, o in impossible[:3])
        more = f" and {len(impossible) - 3} more" if len(impossible) > 3 else ""
        raise Mismatch(
            draws, probabilities, input,
            f"drew {'an' if name[:1] in 'aeiou' else 'a'} {name} of probability 0: {shown}{more} "
            f"(in {total} draws)",
        )  # fmt: skip
    bins: list[tuple[float, int]] = []  # (expected count, observed count)
    pooled_expected, pooled_observed = 0.0, 0
    for outcome, p in probabilities.items():
        if p <= 0:
            continue
        expected = p * total
        if expected >= 5:
            bins.append((expected, draws.get(outcome, 0)))
        else:
            pooled_expected += expected
            pooled_observed += draws.get(outcome, 0)
    if pooled_expected > 0:
        if pooled_expected >= 5 or not bins:
            bins.append((pooled_expected, pooled_observed))
        else:  # too small to stand alone: fold it into the smallest bin
            smallest = min(range(len(bins)), key=lambda i: bins[i][0])
            e, o = bins[smallest]
            bins[smallest] = (e + pooled_expected, o + pooled_observed)
    statistic = sum((o - e) ** 2 / e for e, o in bins)
    p_value = chi_square_p_value(statistic, len(bins) - 1)
    if p_value < alpha:
        share = lambda outcome: draws.get(outcome, 0) / total  # noqa: E731
        worst = sorted(probabilities, key=lambda o: -abs(share(o) - probabilities[o]))[:3]
        differences = "; ".join(
            f"{label(o)} expected {probabilities[o]:.1%}, drawn {share(o):.1%}" for o in worst
        )
        raise Mismatch(
            draws, probabilities, input,
            f"the draws do not follow the expected distribution (chi-square {statistic:.1f}, "
            f"{len(bins) - 1} degrees of freedom, p = {p_value:.2g} < {alpha:g}, "
            f"{total} draws): {differences}",
        )  # fmt: skip


# --- running the tests ---------------------------------------------------------------------


class TestTimeout(BaseException):
    """Raised in the main thread when a test runs past its time."""


class OutputLimit(BaseException):
    """Raised in a thread that prints past the output limit."""


def _show(value: object) -> str:
    """A short repr (long lists are elided), safe against a submission's broken __repr__."""
    import reprlib  # only when a value is shown: most runs never need it

    shorter = reprlib.Repr()
    shorter.maxlevel, shorter.maxstring, shorter.maxother, shorter.maxlong = 4, 200, 200, 100
    shorter.maxlist = shorter.maxtuple = shorter.maxset = shorter.maxfrozenset = 30
    shorter.maxdict = 20
    try:
        text = shorter.repr(value)
    except BaseException:  # noqa: BLE001 - any failure of a submission's __repr__
        text = f"<{type(value).__name__} object>"
    return _clip(text, 500)


def _clip(text: str, limit: int = TEXT_LIMIT) -> str:
    if len(text) <= limit:
        return text
    suffix = f"... ({len(text)} chars)"
    return text[: limit - len(suffix)] + suffix


def _json(value: object) -> str:
    """JSON for str, int, float, bool, None, list and dict: all the harness ever sends."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) in (int, float):
        return repr(value)
    if type(value) is str:
        return '"' + "".join(map(_json_char, value)) + '"'
    if type(value) is list:
        return "[" + ",".join(map(_json, value)) + "]"
    if type(value) is dict:
        return "{" + ",".join(_json(str(k)) + ":" + _json(v) for k, v in value.items()) + "}"
    return _json(str(value))


def _json_char(char: str) -> str:
    # ASCII-only output: lone surrogates from a submission's strings cannot break the line.
    if " " <= char < "\x7f" and char not in '"\\':
        return char
    code = ord(char)
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


class _Capture:
    """sys.stdout and sys.stderr during a test: keeps the start, counts the rest."""

    encoding = "utf-8"
    errors = "strict"

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.total = 0
        self.exceeded = False
        self.parts: list[str] = []
        self.kept = 0

    def write(self, text: str) -> int:
        if type(text) is not str:
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self.total += len(text)
        if self.total > self.limit:
            self.exceeded = True
            raise OutputLimit
        if self.kept < OUTPUT_KEPT:
            self.parts.append(text[: OUTPUT_KEPT - self.kept])
            self.kept += len(self.parts[-1])
        return len(text)

    def take(self) -> str:
        text, self.parts, self.kept = "".join(self.parts), [], 0
        return text

    def flush(self) -> None:
        pass

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False


def _options(argv: list[str]) -> dict[str, str]:
    options = {}
    for arg in argv:
        if arg.startswith("--"):
            key, _, value = arg[2:].partition("=")
            options[key] = value
    return options


def _read_to_end(fd: int) -> bytes:
    chunks = []
    while chunk := posix.read(fd, 4096):
        chunks.append(chunk)
    posix.close(fd)
    return b"".join(chunks)


def enter_sandbox(options: dict[str, str], before_drop=None, after_drop=None) -> None:  # type: ignore[no-untyped-def]
    """Drop root, set rlimits, close inherited descriptors: before any submission code runs.

    The warm server (warm_server.py) passes `before_drop` and `after_drop`: it drops the
    capability bounding set before, and installs the seccomp filter after, as bwrap does for
    a cold run.
    """
    import resource  # a small C module; the only import beyond a bare interpreter's

    if before_drop is not None:
        before_drop()
    if "drop-to" in options:
        # Started as root inside a user namespace that maps only root and this uid.
        uid = int(options["drop-to"])
        posix.setgroups([])
        posix.setresgid(uid, uid, uid)
        posix.setresuid(uid, uid, uid)
        if 0 in posix.getresuid() or 0 in posix.getresgid():
            raise SystemExit("harness: could not drop root")
    if after_drop is not None:
        after_drop()
    limits = {
        "cpu": resource.RLIMIT_CPU,
        "memory": resource.RLIMIT_AS,
        "data": resource.RLIMIT_DATA,
        "nproc": resource.RLIMIT_NPROC,
        "fsize": resource.RLIMIT_FSIZE,
        "nofile": resource.RLIMIT_NOFILE,
        "core": resource.RLIMIT_CORE,
    }
    for key, which in limits.items():
        if key in options:
            soft = hard = int(options[key])
            if key == "cpu":
                hard += 1  # SIGXCPU at the soft limit; SIGKILL a second later, if ignored
            current_hard = resource.getrlimit(which)[1]
            if current_hard != resource.RLIM_INFINITY:
                soft, hard = min(soft, current_hard), min(hard, current_hard)
            try:
                resource.setrlimit(which, (soft, hard))
            except (ValueError, OSError):
                # macOS refuses some (RLIMIT_AS); on Linux a limit that fails is fatal.
                if sys.platform.startswith("linux"):
                    raise


class Harness:
    """One run: the tests module, the submission, and the result channel."""

    def __init__(self, options: dict[str, str], before_drop=None, after_drop=None) -> None:  # type: ignore[no-untyped-def]
        self.folder = options["dir"]
        self.test_seconds = float(options.get("test-seconds", "2"))
        self.result_fd = int(options["result-fd"])
        secret = _read_to_end(int(options["secret-fd"])).decode("ascii")
        # Compiled by the judge; handed over by descriptor, so no file holds the tests.
        self.tests_code = marshal.loads(_read_to_end(int(options["tests-fd"]))[16:])
        # Bytes: compile() then reports bad UTF-8 as a SyntaxError in the submission.
        if "solution-fd" in options:  # the warm path: no file holds it
            self.solution_source = _read_to_end(int(options["solution-fd"]))
        else:
            with open(f"{self.folder}/{SOLUTION_FILE}", "rb") as file:
                self.solution_source = file.read()
        self.solution_lines = self.solution_source.decode("utf-8", "replace").splitlines()
        enter_sandbox(options, before_drop, after_drop)
        # Only the result channel stays open; the secret is held in a closure, never a global.
        posix.closerange(3, self.result_fd)
        posix.closerange(self.result_fd + 1, 1 << 20)
        self.emit = _emitter(self.result_fd, secret)
        del secret
        self.pid = posix.getpid()
        self.capture = _Capture(int(options.get("output-bytes", str(1 << 20))))
        # Freed when the submission runs out of memory, so the report can still be written.
        self.reserve: bytearray | None = bytearray(1 << 20)
        if "site" in options and options["site"] not in sys.path:
            sys.path.append(options["site"])

    # -- the run --

    def run(self) -> None:
        _signal.signal(_signal.SIGALRM, _on_alarm)
        sys.modules["harness"] = sys.modules[__name__]  # __main__, or "harness" in a warm run
        sys.stdout = sys.stderr = self.capture  # type: ignore[assignment]
        tests_module = self.load("tests", self.tests_code, TESTS_FILE)
        function = type(_on_alarm)
        tests = [
            (name, value)
            for name, value in vars(tests_module).items()
            if name.startswith("test_") and isinstance(value, function)
        ]
        solution, problem = self.load_solution()
        if problem is not None:
            self.emit({"event": "load-error", **problem})
        else:
            for name, test in tests:
                self.run_test(name, test, solution)
        self.emit({"event": "done"})

    def load(self, name: str, code, filename: str):  # type: ignore[no-untyped-def]
        module = type(sys)(name)
        module.__file__ = f"{self.folder}/{filename}"
        sys.modules[name] = module
        if isinstance(code, bytes):
            code = compile(code, filename, "exec", dont_inherit=True)
        exec(code, module.__dict__)
        return module

    def load_solution(self):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            _arm(self.test_seconds)
            try:
                module = self.load("solution", self.solution_source, SOLUTION_FILE)
            finally:
                _arm(0)
        except BaseException as error:  # noqa: BLE001 - the submission may raise anything
            self.leave_if_forked()
            problem = self.safely_describe(error)
            problem["duration_ms"] = _ms(started)
            self.capture.take()
            return None, problem
        self.leave_if_forked()
        self.capture.take()
        return module, None

    def run_test(self, name: str, test, solution) -> None:  # type: ignore[no-untyped-def]
        self.emit({"event": "start", "test": name})
        _given[0] = None
        if self.reserve is None:  # spent by an earlier test that ran out of memory
            with _suppress(MemoryError):
                self.reserve = bytearray(1 << 20)
        self.capture.exceeded = False
        started = time.perf_counter()
        try:
            _arm(self.test_seconds)
            try:
                test(solution)
            finally:
                _arm(0)
        except BaseException as error:  # noqa: BLE001 - the submission may raise anything
            self.leave_if_forked()
            outcome = self.safely_describe(error)
        else:
            self.leave_if_forked()
            outcome = {"status": "passed"}
        if self.capture.exceeded:
            outcome = {"status": "output-limit", "input": outcome.get("input")}
        outcome["duration_ms"] = _ms(started)
        outcome["output"] = _clip(self.capture.take(), OUTPUT_KEPT)
        self.emit({"event": "result", "test": name, **outcome})

    def leave_if_forked(self) -> None:
        """A child forked by the submission must not go on running the harness."""
        if posix.getpid() != self.pid:
            posix._exit(0)

    # -- describing what went wrong, in terms of the submission's code --

    def safely_describe(self, error: BaseException) -> dict[str, object]:
        """describe(), falling back to the bare kind when even that fails (say, out of memory)."""
        if isinstance(error, MemoryError):
            self.reserve = None
        kind = type(error).__name__
        status = "memory-limit" if isinstance(error, MemoryError) else "runtime-error"
        try:
            return self.describe(error)
        except BaseException as failure:  # noqa: BLE001
            if isinstance(failure, MemoryError):
                status = "memory-limit"
            return {"status": status, "error_type": kind}
        finally:
            error.__traceback__ = None  # let a deep stack's frames go now

    def describe(self, error: BaseException) -> dict[str, object]:
        """Status, error, input/expected/got and the submission's part of the traceback."""
        if isinstance(error, TestTimeout):
            return {"status": "time-limit", "input": _given_text()}
        if isinstance(error, OutputLimit):
            return {"status": "output-limit", "input": _given_text()}
        if isinstance(error, Mismatch):
            outcome = {
                "status": "failed",
                "input": _clip(error.input),
                "expected": _show(error.expected),
                "got": _show(error.got),
            }
            if error.summary:
                outcome["summary"] = _clip(str(error.summary), 500)
            return outcome
        outcome: dict[str, object] = {
            "status": "runtime-error",
            "error_type": type(error).__name__,
            "error": _clip(_error_text(error)),
            "input": _given_text(),
        }
        if isinstance(error, MemoryError) or _is_allocation_failure(error):
            outcome["status"] = "memory-limit"
        elif isinstance(error, AssertionError) and self.raised_in_tests(error):
            outcome["status"] = "failed"
        if isinstance(error, SyntaxError) and error.filename == SOLUTION_FILE:
            outcome["line"] = error.lineno
            outcome["traceback"] = _clip(self.syntax_error_text(error))
            return outcome
        frames = self.user_frames(error)
        deep = any(isinstance(frame, int) for frame in frames)
        if deep and isinstance(error, SystemError) and "without exception" in str(outcome["error"]):
            # CPython 3.11 reports a frame it cannot allocate, deep in a recursion, this way.
            outcome.update(status="memory-limit", error_type="MemoryError")
            outcome["error"] = "deep recursion ran out of memory"
        if frames:
            outcome["line"], outcome["function"] = frames[-1]  # type: ignore[misc]
            last_line = f"{outcome['error_type']}: {outcome['error']}".rstrip(": ")
            outcome["traceback"] = _clip(self.traceback_text(frames, last_line))
        if self.is_resource_exhaustion(error):
            outcome["note"] = "process limit"
        return outcome

    def raised_in_tests(self, error: BaseException) -> bool:
        tb = error.__traceback__
        last = None
        while tb is not None:
            last = tb.tb_frame.f_code.co_filename
            tb = tb.tb_next
        return last == TESTS_FILE

    def user_frames(self, error: BaseException) -> list[tuple[int, str] | int]:
        """The submission's frames, innermost last; a long stack keeps 3 at each end and the
        number skipped in between, without holding a million frames in a list."""
        first: list[tuple[int, str]] = []
        last: list[tuple[int, str]] = []
        count = 0
        tb = error.__traceback__
        while tb is not None:
            code = tb.tb_frame.f_code
            if code.co_filename == SOLUTION_FILE:
                count += 1
                if len(first) < 3:
                    first.append((tb.tb_lineno, code.co_name))
                else:
                    last.append((tb.tb_lineno, code.co_name))
                    if len(last) > 3:
                        del last[0]
            tb = tb.tb_next
        skipped = count - len(first) - len(last)
        return [*first, skipped, *last] if skipped else [*first, *last]

    def traceback_text(self, frames: list[tuple[int, str] | int], last_line: str) -> str:
        lines = ["Traceback (your code only):"]
        for frame in frames:
            if isinstance(frame, int):
                lines.append(f"  ... {frame} more calls ...")
                continue
            line, function = frame
            lines.append(f'  File "{SOLUTION_FILE}", line {line}, in {function}')
            if 0 < line <= len(self.solution_lines):
                lines.append("    " + self.solution_lines[line - 1].strip())
        lines.append(last_line)
        return "\n".join(lines)

    def syntax_error_text(self, error: SyntaxError) -> str:
        lines = [f'  File "{SOLUTION_FILE}", line {error.lineno}']
        if error.text:
            text = error.text.rstrip("\n")
            stripped = text.lstrip()
            lines.append("    " + stripped)
            if error.offset:
                lines.append(
                    "    " + " " * max(0, error.offset - 1 - (len(text) - len(stripped))) + "^"
                )
        lines.append(f"{type(error).__name__}: {error.msg}")
        return "\n".join(lines)

    def is_resource_exhaustion(self, error: BaseException) -> bool:
        if isinstance(error, BlockingIOError) and error.errno == 11:
            return True
        return isinstance(error, RuntimeError) and "can't start new thread" in str(error)


class ChannelBroken(Exception):
    """The result channel was closed or replaced (by the submission: the harness never does)."""


def _emitter(fd: int, secret: str):  # type: ignore[no-untyped-def]
    def emit(event: dict[str, object]) -> None:
        data = (_json({"secret": secret, **event}) + "\n").encode("ascii")
        try:
            while data:
                data = data[posix.write(fd, data) :]
        except OSError as error:
            raise ChannelBroken from error

    return emit


def _is_allocation_failure(error: BaseException) -> bool:
    """torch reports a failed allocation as a RuntimeError, not a MemoryError."""
    if type(error).__name__ not in ("RuntimeError", "OutOfMemoryError"):
        return False
    text = _error_text(error)
    return "can't allocate memory" in text or "not enough memory" in text


def _error_text(error: BaseException) -> str:
    try:
        return str(error)
    except BaseException:  # noqa: BLE001 - a submission's exception with a broken __str__
        return ""


def _arm(seconds: float) -> None:
    _signal.setitimer(_signal.ITIMER_REAL, seconds)


def _on_alarm(signum, frame):  # type: ignore[no-untyped-def]
    raise TestTimeout


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def probe(options: dict[str, str]) -> None:
    """Check the sandbox works: enter it and report back, running no tests."""
    secret = _read_to_end(int(options["secret-fd"])).decode("ascii")
    enter_sandbox(options)
    emit = _emitter(int(options["result-fd"]), secret)
    emit({"event": "probe", "uid": posix.getuid()})


HARNESS_FAILED = 70  # exit code when the harness itself breaks
CHANNEL_BROKEN = 71  # exit code when the submission broke the result channel


def main(argv: list[str]) -> None:
    options = _options(argv)
    try:
        if "probe" in options:
            probe(options)
        else:
            Harness(options).run()
    except ChannelBroken:
        posix._exit(CHANNEL_BROKEN)
    except BaseException as error:  # noqa: BLE001 - reported, then the run ends
        with _suppress(BaseException):
            posix.write(2, f"harness: {type(error).__name__}: {error}\n".encode(errors="replace"))
        posix._exit(HARNESS_FAILED)
    # Skip interpreter shutdown: it would wait for threads the submission left running.
    posix._exit(0)


class _suppress:
    """contextlib.suppress, without importing contextlib (start-up time)."""

    def __init__(self, *errors: type[BaseException]) -> None:
        self.errors = errors

    def __enter__(self) -> None:
        pass

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> bool:
        return kind is not None and issubclass(kind, self.errors)


if __name__ == "__main__":
    main(sys.argv[1:])
