"""The built 1843 paper matches the reviewed golden files (python -m tests.golden --update)."""

import pytest

from tests.golden import GOLDEN, current


@pytest.mark.parametrize("name", ["1843.html", "1843.docx.txt"])
def test_output_matches_golden(name):
    assert current()[name] == (GOLDEN / name).read_text(encoding="utf-8")
