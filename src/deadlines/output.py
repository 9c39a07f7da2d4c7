"""Writing output to a file atomically: readers see the old file or the whole new one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from typing import IO

from deadlines.errors import InputError


@contextlib.contextmanager
def atomic_file(path: str, mode: str = "w") -> Iterator[IO]:
    """A temporary file beside `path` to write (or stream) into; renamed over `path` only when
    the block completes.

    An interruption (Ctrl-C, a full disk, a crash, an error in the block) leaves the previous
    file, or no file, never a half-written one; the temporary file is removed.
    """
    if os.path.isdir(path):
        msg = f"cannot write --output {path!r}: it is a directory; expected a file name"
        raise InputError(msg)
    directory = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(
            dir=directory, prefix=f".{os.path.basename(path)}.", suffix=".tmp"
        )
    except OSError as e:
        msg = f"cannot write --output {path!r}: {e.strerror or e}; expected a writable directory"
        raise InputError(msg) from None
    text = {} if "b" in mode else {"encoding": "utf-8", "newline": ""}
    try:
        with os.fdopen(fd, mode, **text) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, os.stat(path).st_mode & 0o777 if os.path.exists(path) else 0o644)
        os.replace(tmp, path)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError):
            msg = f"cannot write --output {path!r}: {e.strerror or e}"
            raise InputError(msg) from None
        raise


def write_atomic(path: str, data: bytes) -> None:
    """Write `data` to `path` atomically (see atomic_file)."""
    with atomic_file(path, "wb") as f:
        f.write(data)
