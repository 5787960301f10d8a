"""Errors the practice services raise; front ends turn them into 4xx answers or one-line messages."""


class PracticeError(Exception):
    """A request the services refuse, with a message meant for the user."""

    status_code = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(PracticeError):
    """The prompt, attempt or other thing asked for does not exist."""

    status_code = 404


class Conflict(PracticeError):
    """The request does not fit the current state (e.g. pausing a stopped attempt)."""

    status_code = 409


class Invalid(PracticeError):
    """The request's data is wrong (e.g. an unknown key point id)."""

    status_code = 422


class TooLarge(PracticeError):
    """The request carries more than a limit allows (e.g. code over 256 KB)."""

    status_code = 413
