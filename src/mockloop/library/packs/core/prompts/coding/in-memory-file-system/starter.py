class FileSystem:
    """A small in-memory file system of directories and text files, addressed by absolute paths.

    Errors are the built-in OSError subclasses: FileNotFoundError, NotADirectoryError,
    IsADirectoryError and FileExistsError. A call that raises changes nothing.
    """

    def __init__(self) -> None:
        """Create a file system holding only the empty root directory "/"."""
        raise NotImplementedError

    def ls(self, path: str) -> list[str]:
        """A directory's entry names in sorted order, or [name] for a file; always a new list."""
        raise NotImplementedError

    def mkdir(self, path: str) -> None:
        """Create the directory and any missing parents (like mkdir -p); no-op if it exists."""
        raise NotImplementedError

    def add_content_to_file(self, file_path: str, content: str) -> None:
        """Append content to the file, creating it (and missing parent directories) if absent."""
        raise NotImplementedError

    def read_content_from_file(self, file_path: str) -> str:
        """Return the file's whole content."""
        raise NotImplementedError
