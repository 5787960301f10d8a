"""Mutant: directories keep their names in a sorted list, and ls() returns that list itself."""

from bisect import insort


class _Dir:
    __slots__ = ("children", "names")

    def __init__(self) -> None:
        self.children: dict[str, _Dir | _File] = {}
        self.names: list[str] = []  # sorted names of the children

    def add(self, name: str, child: "_Dir | _File") -> None:
        self.children[name] = child
        insort(self.names, name)


class _File:
    __slots__ = ("chunks",)

    def __init__(self) -> None:
        self.chunks: list[str] = []

    def read(self) -> str:
        return "".join(self.chunks)


class FileSystem:
    def __init__(self) -> None:
        self.root = _Dir()

    @staticmethod
    def _parts(path: str) -> list[str]:
        return [part for part in path.split("/") if part]

    def _find(self, path: str) -> "_Dir | _File | None":
        node: _Dir | _File | None = self.root
        for name in self._parts(path):
            if isinstance(node, _File):
                raise NotADirectoryError(path)
            node = node.children.get(name)
            if node is None:
                return None
        return node

    def _make_dirs(self, parts: list[str]) -> _Dir:
        node = self.root
        for name in parts:
            child = node.children.get(name)
            if child is None:
                child = _Dir()
                node.add(name, child)
            assert isinstance(child, _Dir)
            node = child
        return node

    def ls(self, path: str) -> list[str]:
        node = self._find(path)
        if node is None:
            raise FileNotFoundError(path)
        if isinstance(node, _File):
            return [self._parts(path)[-1]]
        return node.names  # already sorted, but the caller can now change it

    def mkdir(self, path: str) -> None:
        node = self._find(path)
        if isinstance(node, _File):
            raise FileExistsError(path)
        if node is None:
            self._make_dirs(self._parts(path))

    def add_content_to_file(self, file_path: str, content: str) -> None:
        node = self._find(file_path)
        if isinstance(node, _Dir):
            raise IsADirectoryError(file_path)
        if node is None:
            *dirs, name = self._parts(file_path)
            node = _File()
            self._make_dirs(dirs).add(name, node)
        node.chunks.append(content)

    def read_content_from_file(self, file_path: str) -> str:
        node = self._find(file_path)
        if node is None:
            raise FileNotFoundError(file_path)
        if isinstance(node, _Dir):
            raise IsADirectoryError(file_path)
        return node.read()
