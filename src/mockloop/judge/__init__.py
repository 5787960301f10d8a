"""The judge: runs a submission against a runnable prompt's tests in a sandbox; see docs/judge.md."""

from mockloop.judge.judge import (
    MAX_CODE_BYTES,
    JudgeQueue,
    QueuedSubmission,
    SubmissionRejected,
    TestResult,
    TestSuite,
    Verdict,
    judge,
    load_tests,
)
from mockloop.judge.sandbox import Limits, SandboxError, SandboxStatus, sandbox_status

__all__ = [
    "MAX_CODE_BYTES",
    "JudgeQueue",
    "Limits",
    "QueuedSubmission",
    "SandboxError",
    "SandboxStatus",
    "SubmissionRejected",
    "TestResult",
    "TestSuite",
    "Verdict",
    "judge",
    "load_tests",
    "sandbox_status",
]
