"""In-memory file system: a tree of directory nodes (name -> child) and file nodes (chunks)."""


class _Dir:
    __slots__ = ("children",)

    def __init__(self) -> None:
        self.children: dict[str, _Dir | _File] = {}


class _File:
    __slots__ = ("chunks",)

    def __init__(self) -> None:
        self.chunks: list[str] = []  # appended pieces, joined lazily on read

    def read(self) -> str:
        if len(self.chunks) > 1:
            self.chunks = ["".join(self.chunks)]  # join once, then keep it as one chunk
        return self.chunks[0] if self.chunks else ""


class FileSystem:
    def __init__(self) -> None:
        self.root = _Dir()

    @staticmethod
    def _parts(path: str) -> list[str]:
        return [part for part in path.split("/") if part]  # "/" -> [], "/a/b" -> ["a", "b"]

    def _find(self, path: str) -> "_Dir | _File | None":
        """The node at path, or None if it is missing; a file on the way raises NotADirectoryError."""
        node: _Dir | _File | None = self.root
        for name in self._parts(path):
            if isinstance(node, _File):
                raise NotADirectoryError(path)
            node = node.children.get(name)
            if node is None:
                return None
        return node

    def _make_dirs(self, parts: list[str]) -> _Dir:
        """Walk parts, creating missing directories. Callers ran _find first: no file is in the way."""
        node = self.root
        for name in parts:
            child = node.children.get(name)
            if child is None:
                child = node.children[name] = _Dir()
            assert isinstance(child, _Dir)
            node = child
        return node

    def ls(self, path: str) -> list[str]:
        node = self._find(path)
        if node is None:
            raise FileNotFoundError(path)
        if isinstance(node, _File):
            return [self._parts(path)[-1]]  # a file lists as its own name
        return sorted(node.children)  # a new, sorted list

    def mkdir(self, path: str) -> None:
        node = self._find(path)
        if isinstance(node, _File):
            raise FileExistsError(path)
        if node is None:
            self._make_dirs(self._parts(path))

    def add_content_to_file(self, file_path: str, content: str) -> None:
        node = self._find(file_path)
        if isinstance(node, _Dir):  # "/" included
            raise IsADirectoryError(file_path)
        if node is None:
            *dirs, name = self._parts(file_path)
            node = self._make_dirs(dirs).children[name] = _File()
        node.chunks.append(content)  # append, never overwrite

    def read_content_from_file(self, file_path: str) -> str:
        node = self._find(file_path)
        if node is None:
            raise FileNotFoundError(file_path)
        if isinstance(node, _Dir):
            raise IsADirectoryError(file_path)
        return node.read()
