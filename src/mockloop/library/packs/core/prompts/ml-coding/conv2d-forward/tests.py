"""Tests for conv2d-forward: conv2d_output_size, im2col and conv2d (cross-correlation, NCHW,
stride and zero padding).

conv2d is compared at absolute tolerance 1e-8 with the definition computed here one output value
at a time; im2col entry by entry with its stated layout. Inputs have several channels and
non-square kernels, so a wrong column order cannot hide.
"""

import numpy as np

from harness import Mismatch, expect, expect_close, expect_raises, given, visible

PACKAGES = ["numpy"]
LIMITS = {"test_seconds": 10, "wall_seconds": 60}


def output_size(size, kernel, stride, padding):
    return (size + 2 * padding - kernel) // stride + 1


def direct(x, w, b, stride, padding):
    N, C, H, W = x.shape
    C_out, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    Ho, Wo = output_size(H, kh, stride, padding), output_size(W, kw, stride, padding)
    out = np.zeros((N, C_out, Ho, Wo))
    for i in range(Ho):
        for j in range(Wo):
            window = xp[:, :, i * stride : i * stride + kh, j * stride : j * stride + kw]
            out[:, :, i, j] = np.einsum("ncpq,ocpq->no", window, w)
    return out + (0 if b is None else b[None, :, None, None])


def im2col_reference(x, kh, kw, stride, padding):
    N, C, H, W = x.shape
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    Ho, Wo = output_size(H, kh, stride, padding), output_size(W, kw, stride, padding)
    out = np.empty((N * Ho * Wo, C * kh * kw))
    for n in range(N):
        for i in range(Ho):
            for j in range(Wo):
                out[n * Ho * Wo + i * Wo + j] = xp[n, :, i * stride : i * stride + kh, j * stride : j * stride + kw].reshape(-1)
    return out


def check(solution, N, C, H, W, C_out, kh, kw, stride, padding, seed, bias=True):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(N, C, H, W))
    w = rng.normal(size=(C_out, C, kh, kw))
    b = rng.normal(size=C_out) if bias else None
    copies = (x.copy(), w.copy())
    text = f"conv2d(x {x.shape}, w {w.shape}, b={'(C_out,)' if bias else None}, stride={stride}, padding={padding})"
    given(text)
    got = solution.conv2d(x, w, b, stride=stride, padding=padding)
    if not (np.array_equal(x, copies[0]) and np.array_equal(w, copies[1])):
        raise Mismatch("modified inputs", "inputs unchanged", text, "conv2d modified its inputs")
    expect_close(got, direct(x, w, b, stride, padding), rtol=0, atol=1e-8, input=text, check_dtype=True)
    text = f"im2col(x {x.shape}, {kh}, {kw}, stride={stride}, padding={padding})"
    given(text)
    expect_close(solution.im2col(x, kh, kw, stride=stride, padding=padding), im2col_reference(x, kh, kw, stride, padding), rtol=0, atol=0, input=text)


@visible
def test_the_examples_from_the_statement(solution):
    """Output sizes 112, 32 and 3; a 2x2 kernel gives -5 everywhere (not +5: no flip); im2col with stride 2."""
    for args, want in (((224, 7, 2, 3), 112), ((32, 3, 1, 1), 32), ((7, 3, 2, 0), 3)):
        text = f"conv2d_output_size{args}"
        given(text)
        expect(solution.conv2d_output_size(*args), want, input=text)
    x = np.arange(16.0).reshape(1, 1, 4, 4)
    k = np.array([[[[1.0, 0.0], [0.0, -1.0]]]])
    given("conv2d(np.arange(16.0).reshape(1, 1, 4, 4), [[[[1, 0], [0, -1]]]])")
    expect_close(solution.conv2d(x, k), np.full((1, 1, 3, 3), -5.0), rtol=0, atol=1e-12, input="conv2d(x, k)")
    given("im2col(x, 2, 2, stride=2)")
    expect_close(solution.im2col(x, 2, 2, stride=2), np.array([[0, 1, 4, 5], [2, 3, 6, 7], [8, 9, 12, 13], [10, 11, 14, 15.0]]),
                 rtol=0, atol=0, input="im2col(x, 2, 2, stride=2)")


@visible
def test_several_channels_and_a_non_square_kernel(solution):
    """N = 2, C = 3, a 3x2 kernel, 4 output channels, bias: each value as the definition says."""
    check(solution, 2, 3, 6, 5, 4, 3, 2, 1, 0, seed=1)


def test_padding_on_the_spatial_axes_only(solution):
    """padding adds zeros around H and W on each side, never on N or C."""
    check(solution, 2, 2, 5, 4, 3, 3, 3, 1, 1, seed=2)
    check(solution, 1, 3, 3, 3, 2, 2, 4, 1, 2, seed=3)


def test_strides_move_the_windows(solution):
    """Stride 2 and 3, with and without padding: windows start at 0, stride, 2 * stride, ..."""
    check(solution, 2, 3, 9, 8, 2, 3, 2, 2, 0, seed=4)
    check(solution, 1, 2, 11, 7, 3, 2, 3, 3, 1, seed=5)
    check(solution, 3, 1, 7, 7, 2, 3, 3, 2, 1, seed=6, bias=False)


def test_output_sizes(solution):
    """Floor division: partial windows are dropped; padding counts on both sides."""
    for size in range(1, 12):
        for kernel in range(1, 6):
            for stride in (1, 2, 3):
                for padding in (0, 1, 2):
                    text = f"conv2d_output_size({size}, {kernel}, {stride}, {padding})"
                    want = output_size(size, kernel, stride, padding)
                    given(text)
                    if want >= 1:
                        expect(solution.conv2d_output_size(size, kernel, stride, padding), want, input=text)
                    else:
                        expect_raises(ValueError, lambda a=(size, kernel, stride, padding): solution.conv2d_output_size(*a), input=text)


def test_one_by_one_kernels_and_whole_image_kernels(solution):
    """1x1 kernels mix channels only; a kernel as large as the padded input gives one position."""
    check(solution, 2, 4, 3, 5, 6, 1, 1, 1, 0, seed=7)
    check(solution, 2, 3, 4, 4, 2, 6, 6, 1, 1, seed=8)


def test_bad_arguments_raise(solution):
    """Mismatched channels, a bias of the wrong shape, or a kernel that does not fit: ValueError."""
    x = np.zeros((1, 3, 4, 4))
    cases = [
        ("w with 2 input channels", lambda: solution.conv2d(x, np.zeros((2, 2, 3, 3)))),
        ("b of shape (3,) for 2 output channels", lambda: solution.conv2d(x, np.zeros((2, 3, 3, 3)), np.zeros(3))),
        ("a 5x5 kernel on a 4x4 image", lambda: solution.conv2d(x, np.zeros((2, 3, 5, 5)))),
        ("stride 0", lambda: solution.conv2d_output_size(4, 2, 0, 0)),
        ("padding -1", lambda: solution.conv2d_output_size(4, 2, 1, -1)),
        ("kernel 0", lambda: solution.conv2d_output_size(4, 0, 1, 0)),
    ]
    for what, call in cases:
        given(what)
        expect_raises(ValueError, call, input=what)
