"""What a verdict says: its JSON shape, what visible and hidden tests show, trimmed tracebacks,
and that nothing a submission prints or does to its own process can pass a test."""

from __future__ import annotations

import json

import pytest
from conftest import PROMPTS, run

from mockloop.judge.judge import MAX_CODE_BYTES, SubmissionRejected, judge

CORRECT = """
def add(a, b):
    return a + b

def divide(a, b):
    return a // b if a >= 0 else -(-a // b)
"""


def test_a_verdict_serialises_to_the_documented_json() -> None:
    verdict = run("calc", CORRECT)
    data = json.loads(json.dumps(verdict.model_dump()))
    assert set(data) == {"prompt", "passed", "status", "message", "tests", "duration_ms", "sandbox"}
    assert data["prompt"] == "calc"
    assert data["passed"] is True and data["status"] == "passed"
    assert data["sandbox"] == "bubblewrap"
    assert data["message"] == "all 4 tests passed"
    assert [test["name"] for test in data["tests"]] == [
        "test_add_small_numbers", "test_divide_evenly",
        "test_add_secret_numbers", "test_divide_secret_numbers",
    ]  # fmt: skip
    for test in data["tests"]:
        assert set(test) == {
            "name", "passed", "status", "message", "duration_ms", "hidden",
            "input", "expected", "got", "output",
        }  # fmt: skip
        assert test["passed"] is True and test["status"] == "passed"
        assert isinstance(test["duration_ms"], float)
    assert [test["hidden"] for test in data["tests"]] == [False, False, True, True]
    assert data["tests"][0]["message"] == "add(1, 2) is 3."


def test_a_visible_failure_shows_input_expected_got_and_printed_output() -> None:
    code = (
        "def add(a, b):\n    print('adding', a, b)\n    return a - b\n" + CORRECT.split("\n\n")[1]
    )
    verdict = run("calc", code)
    assert verdict.status == "failed"
    assert verdict.message == "2 of 4 tests passed; first failure: test_add_small_numbers"
    first = verdict.tests[0]
    assert (first.status, first.input, first.expected, first.got) == (
        "failed",
        "add(1, 2)",
        "3",
        "-1",
    )
    assert first.message == "expected 3, got -1"
    assert first.output == "adding 1 2\n"


def test_a_hidden_failure_shows_its_hint_but_never_its_data() -> None:
    code = (
        "def add(a, b):\n"
        "    if a < -1000:\n"
        "        print('got', a, b)\n"
        "        raise ValueError(f'cannot add {a} and {b}')\n"
        "    return a + b\n"
        "def divide(a, b):\n"
        "    return a // b\n"
    )
    verdict = run("calc", code)
    hidden = verdict.tests[2]
    assert hidden.hidden and hidden.status == "runtime-error"
    assert (
        hidden.message
        == "add() handles large negative numbers. — raised ValueError in add() at line 4"
    )
    assert (hidden.input, hidden.expected, hidden.got, hidden.output) == (None, None, None, None)
    assert "424242" not in json.dumps(verdict.model_dump())


def test_a_hidden_wrong_answer_says_so_without_the_values() -> None:
    code = CORRECT.replace("return a + b", "return a + b if a > -1000 else 0")
    verdict = run("calc", code)
    hidden = verdict.tests[2]
    assert hidden.message == "add() handles large negative numbers. — wrong answer"
    assert "424243" not in json.dumps(verdict.model_dump())


def test_a_traceback_shows_only_the_submissions_own_lines() -> None:
    code = CORRECT.replace("return a // b if", "return helper(a, b) if") + (
        "\ndef helper(a, b):\n    return {}[a]\n"
    )
    verdict = run("calc", code)
    divide = verdict.tests[1]
    assert divide.status == "runtime-error"
    assert divide.input == "divide(6, 3)"
    assert divide.message == (
        "Traceback (your code only):\n"
        '  File "solution.py", line 6, in divide\n'
        "    return helper(a, b) if a >= 0 else -(-a // b)\n"
        '  File "solution.py", line 9, in helper\n'
        "    return {}[a]\n"
        "KeyError: 6"
    )
    everything = json.dumps(verdict.model_dump())
    assert "harness" not in everything and "tests.py" not in everything


def test_a_syntax_error_is_reported_with_its_line_and_no_test_runs() -> None:
    verdict = run("calc", "def add(a, b):\n    return a +\n")
    assert verdict.status == "runtime-error"
    assert verdict.message.startswith("the submission did not load:")
    assert 'File "solution.py", line 2' in verdict.message and "SyntaxError" in verdict.message
    assert all(test.status == "not-run" for test in verdict.tests)


def test_an_exception_while_loading_is_reported() -> None:
    verdict = run("calc", "import no_such_module\n")
    assert verdict.status == "runtime-error"
    assert "ModuleNotFoundError: No module named 'no_such_module'" in verdict.message


def test_a_missing_function_fails_the_tests_that_call_it() -> None:
    verdict = run("calc", "def add(a, b):\n    return a + b\n")
    assert [test.passed for test in verdict.tests] == [True, False, True, False]
    assert "has no attribute 'divide'" in verdict.tests[1].message


@pytest.mark.parametrize(
    "code",
    [
        "import sys\nprint('all passed')\nsys.exit(0)\n",
        "import os\nprint('{\"passed\": true}')\nos._exit(0)\n",
        "import sys\ndef add(a, b):\n    sys.exit(0)\n",
        "import os\ndef add(a, b):\n    os._exit(0)\n",
    ],
    ids=[
        "sys.exit while loading",
        "os._exit while loading",
        "sys.exit in a test",
        "os._exit in a test",
    ],
)
def test_exiting_early_never_passes(code: str) -> None:
    verdict = run("calc", code)
    assert not verdict.passed
    assert verdict.status == "runtime-error"
    assert not any(test.passed for test in verdict.tests)


def test_a_fake_verdict_printed_and_written_to_every_descriptor_never_passes() -> None:
    fake = '{"secret": "0", "event": "done", "prompt": "calc", "passed": true, "status": "passed"}'
    code = (
        "import os\n"
        f"FAKE = {fake!r}\n"
        "print(FAKE)\n"
        "for fd in range(1, 100):\n"
        "    try:\n"
        "        os.write(fd, (FAKE + '\\n').encode())\n"
        "    except OSError:\n"
        "        pass\n"
        "os._exit(0)\n"
    )
    verdict = run("calc", code)
    assert not verdict.passed
    assert verdict.status == "runtime-error"
    assert "result channel" in verdict.message
    assert not any(test.passed for test in verdict.tests)


def test_a_submission_over_256_kb_is_rejected() -> None:
    with pytest.raises(SubmissionRejected, match="256 KB"):
        judge(PROMPTS / "calc", "x = 1\n" + "#" * MAX_CODE_BYTES)


def test_a_prompt_without_tests_is_rejected(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SubmissionRejected, match="not runnable"):
        judge(tmp_path, CORRECT)


def test_closing_the_judges_descriptors_is_the_submissions_runtime_error() -> None:
    code = "import os\ndef add(a, b):\n    os.closerange(3, 1000)\n    return a + b\n"
    verdict = run("calc", code)
    assert verdict.status == "runtime-error"
    assert (
        verdict.message
        == "the submission closed the judge's result channel during test_add_small_numbers"
    )


def test_code_that_is_not_valid_utf8_is_a_syntax_error() -> None:
    verdict = run("calc", "def add(a, b):\n    return a + b + len('\udcff')\n")
    assert verdict.status == "runtime-error"
    assert "SyntaxError" in verdict.message and "utf-8" in verdict.message


def test_flooding_every_descriptor_voids_the_run_quickly() -> None:
    code = (
        "import os\n"
        "def add(a, b):\n"
        "    junk = b'x' * 65536\n"
        "    while True:\n"
        "        for fd in range(3, 64):\n"
        "            try:\n"
        "                os.write(fd, junk)\n"
        "            except OSError:\n"
        "                pass\n"
    )
    verdict = run("calc", code)
    assert not verdict.passed
    assert verdict.status == "runtime-error"
    assert "result channel" in verdict.message
    assert verdict.duration_ms < 4000
