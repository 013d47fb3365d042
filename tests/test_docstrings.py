"""The runnable examples in the library's docstrings: one per construction a recogniser reads,
and the small helpers beside them. They run from the installed package (``govkg.*``), so the
examples hold whatever the checkout's folder is called."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

# every module of these packages, and these top-level modules, is searched for examples
PACKAGES = ("govkg.loaders", "govkg.graph")
MODULES = ("govkg.vocab", "govkg.identity", "govkg.text", "govkg.evaluate", "govkg.redact", "govkg.commands.load",
           "govkg.commands.cypher", "govkg.kept")


def _modules() -> list[str]:
    names = list(MODULES)
    for pkg in PACKAGES:
        mod = importlib.import_module(pkg)
        names += [f"{pkg}.{m.name}" for m in pkgutil.iter_modules(mod.__path__)]
    return sorted(names)


def test_the_examples_are_found():
    """A broken search would make every example test pass: the examples must be there."""
    counted = sum(len(t.examples) for name in _modules()
                  for t in doctest.DocTestFinder().find(importlib.import_module(name)))
    assert counted >= 70, counted


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples in {name} failed (run pytest -s to see them)"

