"""The package list in pyproject.toml names every package, so an install from a wheel is whole."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_of_authoring_is_listed_for_the_wheel():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "authoring").rglob("__init__.py")
        if "compiled" not in init.parts
    }
    assert found - listed == set(), "add these to [tool.setuptools] packages"
