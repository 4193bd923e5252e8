"""The build step pyproject.toml cannot say: compile the shipped styles' templates into the
package (authoring/render/compiled/), so no command compiles them at run time; and the regular
expressions a check compiles (authoring/patterns.py)."""

import os
import sys

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPy(build_py):
    def run(self) -> None:
        super().run()
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from authoring.render.precompile import COMPILED, precompile, record_patterns

        # an editable install runs pcd from this tree: its templates are compiled here
        editable = getattr(self, "editable_mode", False)
        target = COMPILED if editable else os.path.join(self.build_lib, "authoring", "render", "compiled")
        precompile(target)
        record_patterns(target)  # and the regular expressions a check compiles (authoring/patterns.py)


setup(cmdclass={"build_py": BuildPy})
