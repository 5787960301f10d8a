"""Tests for json-parser: parse_json(text) -> the value, or JSONParseError with pos.

Values are compared with the json module's, types included (1 is not 1.0 or True). An error's
pos must be the length of the longest prefix of the text that a valid document could start
with. Random documents are corrupted in ways whose error position is known: a truncated
document fails at its end, and a character that can never continue a prefix fails where it
was inserted. See docs/judge.md for the format.
"""

import json
import random

from harness import Mismatch, expect, given, visible


class Shown:
    """A value shown as the given text in a failure report."""

    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return self.text


def show(text):
    """The text as Python, shortened when long."""
    if len(text) <= 120:
        return repr(text)
    return f"{text[:50]!r} + ... + {text[-30:]!r} ({len(text)} chars)"


def check(solution, text, expected):
    """parse_json(text) returns expected, with the same types all the way down."""
    call = f"parse_json({show(text)})"
    given(call)
    expect(solution.parse_json(text), expected, input=call)


def outcome(solution, text):
    """("value", v) or ("error", pos) for parse_json(text); other exceptions propagate."""
    try:
        return "value", solution.parse_json(text)
    except solution.JSONParseError as error:
        if not isinstance(error, ValueError):
            raise Mismatch(
                Shown(f"{type(error).__name__} (not a ValueError)"),
                Shown("a JSONParseError that is a ValueError"),
                f"parse_json({show(text)})",
            ) from None
        return "error", getattr(error, "pos", None)


def check_error(solution, text, low, high=None):
    """parse_json(text) raises JSONParseError with low <= pos <= high (high defaults to low)."""
    high = low if high is None else high
    call = f"parse_json({show(text)})"
    given(call)
    kind, got = outcome(solution, text)
    wanted = (
        f"JSONParseError, pos {low}" if low == high else f"JSONParseError, pos in {low}..{high}"
    )
    if kind == "value":
        raise Mismatch(got, Shown(wanted), call)
    if type(got) is not int or not low <= got <= high:
        raise Mismatch(Shown(f"JSONParseError, pos {got!r}"), Shown(wanted), call)


def check_errors(solution, cases):
    for text, pos in cases:
        check_error(solution, text, pos)


def reject_constant(name):
    raise ValueError(name)


def oracle(text):
    """json.loads(text), or None if the statement calls the text invalid."""
    try:
        return ("value", json.loads(text, parse_constant=reject_constant))
    except ValueError:  # JSONDecodeError, or NaN / Infinity
        return None


ALPHABET = ["a", "Z", " ", '"', "\\", "/", "\n", "\t", "\x00", "\x1f", "\x7f", "é", "€", "😀", "\ud800", "\udfff", "\u2028", "#"]  # fmt: skip


def random_documents(seed, count):
    """Random values serialised every way json.dumps can."""
    rng = random.Random(seed)

    def value(depth):
        r = rng.random()
        if depth < 4 and r < 0.25:
            return [value(depth + 1) for _ in range(rng.randint(0, 4))]
        if depth < 4 and r < 0.5:
            return {string(3): value(depth + 1) for _ in range(rng.randint(0, 4))}
        return rng.choice([
            rng.randint(-(10**20), 10**20), rng.randint(-9, 9), rng.uniform(-1e6, 1e6),
            rng.random() * 1e-9, rng.choice([True, False, None]), string(8),
        ])  # fmt: skip

    def string(longest):
        return "".join(rng.choices(ALPHABET, k=rng.randint(0, longest)))

    documents = []
    for _ in range(count):
        text = json.dumps(
            value(0),
            ensure_ascii=rng.random() < 0.5,
            indent=rng.choice([None, None, 0, 2, "\t"]),
            separators=rng.choice([None, (",", ":"), (" , ", " : "), (",\r\n", ":\t")]),
        )
        documents.append(rng.choice(["", " ", "\n\t"]) + text + rng.choice(["", " ", "\r\n"]))
    return rng, documents


@visible
def test_the_examples_from_the_statement(solution):
    """The statement's examples: a nested document, a surrogate pair, -0, and two errors."""
    check(solution, '{"a": [1, 2.5, -3e2, true, null], "b": "x\\ny"}',
          {"a": [1, 2.5, -300.0, True, None], "b": "x\ny"})  # fmt: skip
    check(solution, '"\\ud83d\\ude00"', "😀")
    check(solution, " -0 ", 0)
    check_error(solution, "[1,]", 3)
    check_error(solution, "{} x", 3)


@visible
def test_the_error_positions_from_the_statement(solution):
    """The statement's error positions: a trailing comma, a missing colon, an early end, 01, tru, ''."""
    check_errors(solution, [
        ("[1,]", 3), ('{"a" 1}', 5), ('"abc', 4), ("01", 1), ("tru", 3), ("", 0),
    ])  # fmt: skip


def test_values_and_their_types(solution):
    """Every kind of value, with int only for numbers that have no fraction or exponent."""
    for text, expected in [
        ("true", True), ("false", False), ("null", None), ("1", 1), ("1.0", 1.0), ("1E2", 100.0),
        ("-0", 0), ("-0.0", -0.0), ("1e-2", 0.01), ("0.5", 0.5), ("-12.5E+1", -125.0),
        ("123456789012345678901234567890", 123456789012345678901234567890),
        ("9007199254740993", 9007199254740993), ("[]", []), ("{}", {}), ('""', ""),
        ('[1, "1", 1.0, true, null, [], {}]', [1, "1", 1.0, True, None, [], {}]),
        ('{"a": {"b": [{"c": false}]}, "d": -1}', {"a": {"b": [{"c": False}]}, "d": -1}),
        ('{"k": 1, "j": 2, "k": 3}', {"k": 3, "j": 2}),
        (' \t\r\n[ 1 ,\n2 ] \n', [1, 2]), ('{ "a" : 1 }', {"a": 1}),
    ]:  # fmt: skip
        check(solution, text, expected)


def test_numbers_follow_the_json_grammar(solution):
    """Leading zeros, a bare sign, a dot without digits, an empty exponent and NaN are rejected."""
    check_errors(solution, [
        ("01", 1), ("-01", 2), ("[01]", 2), ("00", 1), ("+1", 0), (".5", 0), ("1.", 2),
        ("1.e5", 2), ("1e", 2), ("1e+", 3), ("1E-x", 3), ("-", 1), ("-a", 1), ("0x10", 1),
        ("1.5.3", 3), ("NaN", 0), ("Infinity", 0), ("-Infinity", 1), ("[1, -]", 5),
    ])  # fmt: skip


def test_only_ascii_digits_are_digits(solution):
    """Other Unicode digits (Arabic-Indic, superscripts) are not JSON digits."""
    check_errors(solution, [
        ("١", 0), ("[1, ²]", 4), ("1²", 1), ("-١", 1), ("1.٣", 2), ("1e٣", 2), ("[٠]", 1),
    ])  # fmt: skip


def test_literals_fail_where_they_stop_matching(solution):
    """true, false and null are matched character by character, so errors point inside them."""
    check_errors(solution, [
        ("tru", 3), ("tx", 1), ("nul", 3), ("nulx", 3), ("True", 0), ("nan", 1), ("tRue", 1),
        ("falsey", 5), ("[true,fals]", 10), ("nullnull", 4), ("f", 1), ('{"a":nil}', 6),
    ])  # fmt: skip


def test_trailing_commas_and_extra_data_are_rejected(solution):
    """A comma before a closing bracket, a missing comma, or anything after the document fails."""
    check_errors(solution, [
        ("[1,]", 3), ('{"a":1,}', 7), ("[1,,2]", 3), ("[,1]", 1), ("{,}", 1), ("{} x", 3),
        ("1 2", 2), ("[1]]", 3), ('{"a":1}}', 7), ("[1 2]", 3), ('{"a":1 "b":2}', 7),
        ('"a""b"', 3), ("[] []", 3), ("true false", 5), ('{"a":1]', 6), ("[}", 1),
    ])  # fmt: skip


def test_structural_errors_and_early_ends(solution):
    """Missing keys, colons and values, unclosed containers, and whitespace JSON does not allow."""
    check_errors(solution, [
        ("{1:2}", 1), ('{"a" 1}', 5), ('{"a":}', 5), ("[", 1), ("{", 1), ('{"a":', 5),
        ('{"a"', 4), ("[1,", 3), ("   ", 3), ("", 0), ("]", 0), ("\ufeff1", 0), ("1\u00a0", 1),
        ("\x0b1", 0), ("[1\x0c]", 2), ("[\u2028]", 1), ('{"a":1, 2}', 8),
    ])  # fmt: skip


def test_string_escapes_and_surrogates(solution):
    """Every escape, \\u in either case, surrogate pairs as one code point, lone surrogates kept."""
    for text, expected in [
        ('"\\" \\\\ \\/ \\b \\f \\n \\r \\t"', '" \\ / \b \f \n \r \t'),
        ('"\\u00e9\\u00E9\\u20AC"', "éé€"), ('"\\ud83d\\ude00"', "😀"), ('"\\uD83D\\uDE00!"', "😀!"),
        ('"\\ud800"', "\ud800"), ('"\\udfff"', "\udfff"), ('"\\ud83dx\\ude00"', "\ud83dx\ude00"),
        ('"\\ud83d\\u0041"', "\ud83dA"), ('"\\ud83d\\ud83d\\ude00"', "\ud83d😀"),
        ('"\\ude00\\ud83d"', "\ude00\ud83d"), ('"é😀\x7f\u2028"', "é😀\x7f\u2028"),
        ('"\\u0000"', "\x00"), ('{"\\u0041": "\\n"}', {"A": "\n"}),
    ]:  # fmt: skip
        check(solution, text, expected)


def test_string_errors(solution):
    """Unknown escapes, bad or short \\u escapes, raw control characters and unclosed strings fail."""
    check_errors(solution, [
        ('"\\x"', 2), ('"\\u12G4"', 5), ('"\\u12"', 5), ('"\\u+fff"', 3), ('"\\U0041"', 2),
        ('"abc', 4), ('"a\nb"', 2), ('"a\x01"', 2), ('"\t"', 1), ('"\x1f"', 1), ('"\\', 2),
        ('"\\u', 3), ('"\\ud83d\\u', 9), ('"\\ud83d\\uzzzz"', 9), ('"\\ud83d\\ude0', 12),
        ('{"a\x01":1}', 3), ("'a'", 0), ('"\\a"', 2),
    ])  # fmt: skip


def test_nesting_a_hundred_levels_deep(solution):
    """Arrays and objects nested 100 deep parse, and fail at the end when left open."""
    for text in [
        "[" * 100 + "]" * 100,
        '{"a":' * 99 + "{}" + "}" * 99,
        '[{"k":' * 50 + "[1, 2.0]" + "}]" * 50,
    ]:
        check(solution, text, json.loads(text))
        check_error(solution, text[:-1], len(text) - 1)
        check_error(solution, text[:-1] + ",", len(text))
        check_error(solution, text[:-1] + ",]", len(text))


def test_a_megabyte_document_in_linear_time(solution):
    """A 1 MB document of many small tokens and one long string parses in linear time."""
    # 60,000 numbers before a 550 KB string: copying the rest of the text at each token (a
    # quadratic parser) takes seconds, a linear one about 0.1 s.
    rng = random.Random(1000)
    numbers = [rng.randrange(-(10**6), 10**6) for _ in range(60_000)]
    line = "".join(rng.choices("abcdefgh ", k=1000))
    text = "[" + ",".join(map(str, numbers)) + ',"' + "\\n".join([line] * 550) + '", true]'
    check(solution, text, json.loads(text))


def test_random_documents_match_the_json_module(solution):
    """Hundreds of random documents, serialised in every style, equal json.loads, types included."""
    _, documents = random_documents(8259, 400)
    for text in documents:
        check(solution, text, json.loads(text))


def test_corrupted_documents_fail_at_the_right_place(solution):
    """Truncated, cut or corrupted random documents give json.loads' value or the right position."""
    rng, documents = random_documents(4627, 150)
    for doc in documents:
        cases = []
        for _ in range(3):
            p = rng.randrange(len(doc))
            # Any prefix of a valid document is viable, so the error is at p or later; a
            # truncated text fails at its end, and a character that cannot continue the
            # prefix (a control character never can; "#" only inside a string) fails at p.
            cases.append((doc[:p], p, p))
            cases.append((doc[:p] + "\x01" + doc[p:], p, p))
            cases.append((doc[:p] + "#" + doc[p:], p, p))
            cases.append((doc[:p] + doc[p + 1 :], p, len(doc) - 1))
            replaced = doc[:p] + rng.choice(',:[]{}"\\0-e.tn ') + doc[p + 1 :]
            cases.append((replaced, p, len(doc)))
        for text, low, high in cases:
            expected = oracle(text)
            if expected is None:
                check_error(solution, text, low, high)
            else:
                check(solution, text, expected[1])
