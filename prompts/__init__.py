"""Prompts and fixed answer sentences, one file each, loaded as package data."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

__all__ = ["load_prompt"]


@lru_cache(maxsize=32)
def load_prompt(name: str) -> str:
    """The text of prompts/<name>.txt, without the trailing newline."""
    return resources.files("prompts").joinpath(f"{name}.txt").read_text(encoding="utf-8").rstrip("\n")
