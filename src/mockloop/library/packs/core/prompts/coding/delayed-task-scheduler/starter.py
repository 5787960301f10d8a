import time
from collections.abc import Callable


class Scheduler:
    """Runs callbacks once at or after given times, by hand (run_pending) or on a background thread."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        """Create an empty scheduler; clock() gives the time in seconds (it must run at real
        speed when the background thread is used)."""
        raise NotImplementedError

    def schedule(self, run_at: float, fn: Callable[[], object]) -> int:
        """Register fn to run once when run_at <= now; return a new id (increasing ints)."""
        raise NotImplementedError

    def cancel(self, task_id: int) -> bool:
        """True if the task had not started and now never will; False if unknown, already
        cancelled, running or finished."""
        raise NotImplementedError

    def pending(self) -> int:
        """The number of tasks that have neither started nor been cancelled."""
        raise NotImplementedError

    def run_pending(self, now: float) -> int:
        """Run due tasks (run_at <= now) in the calling thread, in order of run_at, then of
        scheduling, including due tasks that callbacks schedule; return how many ran.
        Never reads clock()."""
        raise NotImplementedError

    def start(self) -> None:
        """Start one background thread that runs each task once clock() >= run_at.
        RuntimeError if already running."""
        raise NotImplementedError

    def stop(self) -> None:
        """Stop the background thread and wait for it to exit (a running callback finishes
        first); pending tasks stay pending. Does nothing if not running."""
        raise NotImplementedError
