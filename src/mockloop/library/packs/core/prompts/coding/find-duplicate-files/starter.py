def find_duplicate(paths: list[str]) -> list[list[str]]:
    """Groups of two or more files with identical content, from a listing of directories.

    Each string is "dir/path name1(content1) name2(content2) ...". A file's full path is
    dir + "/" + name. Paths within a group are sorted, and the groups are sorted by their first
    path. `paths` is not modified.
    """
    raise NotImplementedError
