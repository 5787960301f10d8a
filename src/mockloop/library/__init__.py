"""What exists to practise: prompts, circuits and resources, loaded from packs."""

from mockloop.library.library import Library, load_library
from mockloop.library.models import CATEGORIES, KeyPoint, Prompt, Resource

__all__ = ["CATEGORIES", "KeyPoint", "Library", "Prompt", "Resource", "load_library"]
