"""Every invalid and hostile spec produces exactly the diagnostics written at its top."""

import pytest

from tests.stories import actual, expected, story_files


@pytest.mark.parametrize("path", story_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_story(path):
    assert actual(path) == expected(path)


def test_every_invalid_story_expects_a_finding():
    quiet = {p.name for p in story_files() if not expected(p)}
    assert quiet == {"bom.yaml", "crlf.yaml"}  # the two that are merely unusual, not wrong
