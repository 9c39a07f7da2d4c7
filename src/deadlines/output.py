"""Writing a result to a file atomically: readers see the old file or the whole new one."""

from __future__ import annotations

import contextlib
import os
import tempfile

from deadlines.errors import InputError


def write_atomic(path: str, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same directory and a rename.

    An interruption (Ctrl-C, a full disk, a crash) leaves the previous file, or no file, never a
    half-written one; the temporary file is removed on any failure.
    """
    directory = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        msg = f"cannot write --output {path!r}: it is a directory; expected a file name"
        raise InputError(msg)
    try:
        fd, tmp = tempfile.mkstemp(
            dir=directory, prefix=f".{os.path.basename(path)}.", suffix=".tmp"
        )
    except OSError as e:
        msg = f"cannot write --output {path!r}: {e.strerror or e}; expected a writable directory"
        raise InputError(msg) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        mode = os.stat(path).st_mode & 0o777 if os.path.exists(path) else 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError):
            msg = f"cannot write --output {path!r}: {e.strerror or e}"
            raise InputError(msg) from None
        raise
