# The one source of the version: pyproject.toml reads it (hatch), and so do __version__, the
# `--version` option and the JSON `tool.version`. Reading importlib.metadata instead costs about
# 50 ms at start-up; tests/test_packaging.py proves the installed metadata agrees.
__version__ = "0.1.0"
