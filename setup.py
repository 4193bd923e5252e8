"""The build step pyproject.toml cannot say: compile the shipped styles' templates into the
package (authoring/render/compiled/), so no command compiles them at run time."""

import os
import sys

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPy(build_py):
    def run(self) -> None:
        super().run()
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from authoring.render.precompile import COMPILED, precompile

        # an editable install runs pcd from this tree: its templates are compiled here
        editable = getattr(self, "editable_mode", False)
        precompile(COMPILED if editable else os.path.join(self.build_lib, "authoring", "render", "compiled"))


setup(cmdclass={"build_py": BuildPy})
