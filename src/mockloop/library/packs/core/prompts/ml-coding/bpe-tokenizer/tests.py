"""Tests for bpe-tokenizer: BPETokenizer() with train(text, vocab_size), encode(text) and
decode(ids).

Exact merges are checked only on corpora of lowercase letters without spaces in which no
training step has a tie (the reference below asserts it), so any whitespace pre-tokenization is
allowed; round trips decode(encode(s)) == s are checked on any text.
"""

from collections import Counter

from harness import Mismatch, expect, given, visible


def merge(ids, pair, new_id):
    out, i = [], 0
    while i < len(ids):
        if i + 1 < len(ids) and ids[i] == pair[0] and ids[i + 1] == pair[1]:
            out.append(new_id)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out


def reference_merges(text, vocab_size):
    """The contract's merges on a corpus without spaces: [(pair, id)], checking no step ties."""
    ids = list(text.encode("utf-8"))
    merges = []
    for new_id in range(256, vocab_size):
        counts = Counter(zip(ids, ids[1:]))
        if not counts:
            break
        best = max(counts.values())
        top = [pair for pair, count in counts.items() if count == best]
        assert len(top) == 1, f"test corpus has a tie at merge {new_id}"
        ids = merge(ids, top[0], new_id)
        merges.append((top[0], new_id))
    return merges


def reference_encode(merges, text):
    ids = list(text.encode("utf-8"))
    for pair, new_id in merges:  # learned order
        ids = merge(ids, pair, new_id)
    return ids


def trained(solution, text, vocab_size):
    given(f"tok = BPETokenizer(); tok.train({text!r}, {vocab_size})")
    tok = solution.BPETokenizer()
    tok.train(text, vocab_size)
    return tok


def check_encodes(solution, text, vocab_size, probes):
    """encode() of the corpus and of each probe equals the contract's, and decodes back."""
    merges = reference_merges(text, vocab_size)
    tok = trained(solution, text, vocab_size)
    setup = f"tok = BPETokenizer(); tok.train({text!r}, {vocab_size})"
    for probe in [text, *probes]:
        call = f"{setup}; tok.encode({probe!r})"
        given(call)
        got = tok.encode(probe)
        want = reference_encode(merges, probe)
        if type(got) is list and got != want:
            ids = [i for i in got if type(i) is int]
            if any(i >= vocab_size for i in ids):
                summary = f"encode returned id {max(ids)}, but only {vocab_size - 256} merges were asked for"
            else:
                at = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
                summary = f"encode of a {len(probe)}-character string differs from the contract's at token {at}"
            raise Mismatch(got, want, call, summary)
        expect(got, want, input=call)
        call = f"{setup}; tok.decode(tok.encode({probe!r}))"
        given(call)
        expect(tok.decode(got), probe, input=call)


@visible
def test_the_example_from_the_statement(solution):
    """train("abababcabcabcd", 259) learns ab, abc, abcabc; encode and decode as shown."""
    setup = 'tok = BPETokenizer(); tok.train("abababcabcabcd", 259)'
    tok = trained(solution, "abababcabcabcd", 259)
    expect(tok.encode("ababc"), [256, 257], input=f'{setup}; tok.encode("ababc")')
    expect(tok.encode("abcabc"), [258], input=f'{setup}; tok.encode("abcabc")')
    expect(tok.encode("é!"), [195, 169, 33], input=f'{setup}; tok.encode("é!")')
    expect(tok.decode([256, 257]), "ababc", input=f"{setup}; tok.decode([256, 257])")


@visible
def test_overlapping_pairs_count_twice_and_merge_left_to_right(solution):
    """"aaa" counts (a, a) twice; a merge replaces non-overlapping pairs from the left: [aa, a]."""
    setup = 'tok = BPETokenizer(); tok.train("aaa", 257)'
    tok = trained(solution, "aaa", 257)
    expect(tok.encode("aaa"), [256, 97], input=f'{setup}; tok.encode("aaa")')
    expect(tok.encode("aaaa"), [256, 256], input=f'{setup}; tok.encode("aaaa")')
    expect(tok.encode("aaaaa"), [256, 256, 97], input=f'{setup}; tok.encode("aaaaa")')
    expect(tok.encode("baaab"), [98, 256, 97, 98], input=f'{setup}; tok.encode("baaab")')


def test_overlapping_pairs_decide_which_pair_is_most_frequent(solution):
    """Pairs counted at every position: the run "aaaaaaa" gives (a, a) six times, more than (b, c)."""
    check_encodes(solution, "aaaaaaabcbcbcbcbcxaaaa", 259, ["aaabc", "bcaaaa", "aaaaaaaa"])


def test_merges_on_longer_corpora(solution):
    """Eight merges on corpora with no ties, checked on the corpus and on new strings."""
    check_encodes(
        solution,
        "acccaccccbcbcbbcbcacccacccbcbcbcbccbbcbccbacccbcbccbbcbcbbcacccbbcbcbccbcbbcbcbbcbbcacccacccbcbc",
        264,
        ["ccbbca", "ccbb", "bbbccbcccab", "acacacbbbbcc", "c", ""],
    )
    check_encodes(
        solution,
        "abbbbcaabccaabcaabcaabcbcaacaabcbccaabcbccaacaabcabbbabbbabbbabbbabbbabbbabbbbcaabcabbbbcabbbbcaa",
        264,
        ["cabcaabbbcb", "ccaabcacac", "aababbcabb", "abbbbbbbbca"],
    )


def test_encode_applies_merges_in_the_order_they_were_learned(solution):
    """encode replays merges by merge id, not left to right and not by frequency in the input."""
    check_encodes(
        solution,
        "cbacaabcaabaacbaaababcbacbacbababcbacaabcaabcbacbacbacaabcbacbacaabcaab",
        264,
        ["ccaababba", "bbabbaacaaaa", "cbbaabcacaaa"],
    )
    check_encodes(
        solution,
        "bbcbabaabbcbcbbbabcbbbcbbbcbbbaabbcbbcbcbbbcbbbaabbcbaabcbbbaababbcbaabaabaabaabcbbbaabbc",
        264,
        ["bbabbcbbc", "aaccbbacba"],
    )


def test_exactly_vocab_size_minus_256_merges(solution):
    """Training performs vocab_size - 256 merges: the last id appears, none beyond it."""
    corpus = "dabdbebbbebbbebbccbdcccccccdabddabdccccbdcbebbbebbbebbbebbdabdbdcccdabddabdbdcdabdbebbdabddabdbdccc"
    for vocab_size in (256, 257, 260, 264):
        check_encodes(solution, corpus, vocab_size, ["dabdbebb", "cccccccc"])


def test_training_stops_when_no_pair_is_left(solution):
    """A vocabulary larger than the corpus allows: training stops once no pair is left."""
    check_encodes(solution, "ab", 300, ["abab", "aabb", "ba"])
    check_encodes(solution, "x", 260, ["xx", "xxx"])


def test_unseen_characters_encode_to_their_bytes(solution):
    """Characters never seen in training encode to their UTF-8 bytes, and decode back."""
    tok = trained(solution, "abababcabcabcd", 259)
    for text in ["日本", "é", "🎉ab🎉", "\x00\x7f", "Ωabc"]:
        call = f'tok = BPETokenizer(); tok.train("abababcabcabcd", 259); tok.encode({text!r})'
        given(call)
        expect(tok.encode(text), reference_encode(reference_merges("abababcabcabcd", 259), text), input=call)
        given(call.replace("tok.encode(", "tok.decode(tok.encode(") + ")")
        expect(tok.decode(tok.encode(text)), text, input=call)


UNICODE_CORPUS = (
    "ééée éèé ééé àéà naïve café crème brûlée "
    "日本語日本語の日本 東京都東京 🎉🎉🎉 🙂🙂 👩‍💻👩‍💻 Ωμέγα Ωμέγα привет привет "
) * 3


def test_decode_round_trips_any_text(solution):
    """decode(encode(s)) == s, even where merges split multi-byte characters across tokens."""
    tok = trained(solution, UNICODE_CORPUS, 420)
    probes = [
        UNICODE_CORPUS, "", " ", "ééé", "日本", "🎉", "👩‍💻 done", "a\tb\nc\r\n",
        "Ünïcödé never seen: 北京, Ωμέγα, 👩‍💻", "\x00", "e\u0301 combining", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    ]  # fmt: skip
    for text in probes:
        call = f"tok = BPETokenizer(); tok.train(UNICODE_CORPUS, 420); tok.decode(tok.encode({text!r}))"
        given(call)
        ids = tok.encode(text)
        if not all(type(i) is int and 0 <= i < 420 for i in ids):
            raise Mismatch(ids, "ids in 0..419", call, "encode returned an id outside 0..vocab_size-1")
        expect(tok.decode(ids), text, input=call)


def test_each_tokenizer_keeps_its_own_merges(solution):
    """Two tokenizers trained on different corpora do not share merges."""
    first = trained(solution, "aaa", 257)
    trained(solution, "bcbcbc", 257)
    expect(first.encode("bcbc"), [98, 99, 98, 99], input='after training a second tokenizer on "bcbcbc": first.encode("bcbc")')
    expect(first.encode("aa"), [256], input='first.encode("aa")')


def test_decode_of_nothing_and_encode_of_nothing(solution):
    """encode("") is [] and decode([]) is ""."""
    tok = trained(solution, "abababcabcabcd", 259)
    expect(tok.encode(""), [], input='tok.encode("")')
    expect(tok.decode([]), "", input="tok.decode([])")
