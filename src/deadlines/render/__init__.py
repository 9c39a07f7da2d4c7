"""Renderers: a Result in, text out. None of them decides anything about the law."""
