"""The one output path: stdout, or a file written so that readers see the old file or the new.

- `-o -` (or no -o) is standard output; `-o ''` is refused.
- A regular file (new, or existing, or the target of a symlink, which is written through) is
  written to a temporary file beside it, fsynced and renamed over it only when the run succeeds;
  a new file gets the umask's permissions, an existing one keeps its mode.
- Anything else that exists (a character device such as /dev/null or /dev/stdout, a FIFO, a
  socket) is opened and written straight through, never replaced.
- An input of the run given as the output is refused before anything is read.
- Any failure, error or signal in the block leaves the previous file intact and removes the
  temporary file.

SIGTERM and SIGHUP are turned into `Interrupted` (a BaseException, as KeyboardInterrupt is) so
that the same clean-up runs; cli.main() maps it to exit 143 or 129.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import signal
import stat
import sys
from collections.abc import Iterable, Iterator
from typing import IO, Any

from deadlines.errors import InputError
from deadlines.safe import name as _name


class Interrupted(BaseException):
    """A terminating signal arrived (SIGTERM, SIGHUP): unwind, clean up, exit 128 + signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        self.exit_code = 128 + signum
        self.signame = signal.Signals(signum).name


def _raise_interrupted(signum: int, frame: object) -> None:
    raise Interrupted(signum)


def handle_signals() -> None:
    """SIGTERM and SIGHUP handled like Ctrl-C: unwind (temp files removed), then exit."""
    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            with contextlib.suppress(ValueError, OSError):  # not the main thread
                signal.signal(sig, _raise_interrupted)


class ClosedStdout(io.TextIOBase):
    """Standard output when file descriptor 1 is closed: any write is an error."""

    encoding = "utf-8"

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    @property
    def buffer(self) -> io.RawIOBase:
        """Its bytes layer (an iCalendar file, JSON Lines): closed as well."""
        return _ClosedBytes()


class _ClosedBytes(io.RawIOBase):
    """The bytes layer of ClosedStdout: any write is the same error."""

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def is_stdout(path: str | None, option: str = "--output") -> bool:
    """No -o, or `-o -`: standard output. `-o ''` is an error (`option` names the option)."""
    if path is None or path == "-":
        return True
    if path == "":
        msg = f"{option} '' is an empty file name; expected a file name, or - for standard output"
        raise InputError(msg)
    return False


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _fail(path: str, e: OSError, option: str = "--output") -> InputError:
    return InputError(f"cannot write {option} {_name(path)}: {e.strerror or e}")


def check_target(
    path: str,
    inputs: Iterable[str | None] = (),
    option: str = "--output",
    others: Iterable[str | None] = (),
) -> None:
    """Refuse a directory, and an input of this run, as the output (before anything is read).
    `option`: the option that names the file (--output, --summary), for the messages.
    `others`: the run's other outputs: the same regular file as one of them is refused (one
    would overwrite the other); the same device or pipe (/dev/stdout) is written in turn."""
    is_stdout(path, option)
    for other in others:  # two outputs named alike (before either exists); a device is fine
        if not other or other == "-":
            continue
        same = os.path.realpath(other) == os.path.realpath(path)
        if same and (not os.path.exists(path) or stat.S_ISREG(os.stat(path).st_mode)):
            msg = (
                f"{option} {_name(path)} is also another output of this run ({_name(other)}); "
                "expected a different file (one would overwrite the other)"
            )
            raise InputError(msg)
    try:
        out = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as e:
        raise _fail(path, e, option) from None
    if stat.S_ISDIR(out.st_mode):
        msg = f"cannot write {option} {_name(path)}: it is a directory; expected a file name"
        raise InputError(msg)
    for source in inputs:
        if not source:
            continue
        try:
            st = os.fstat(sys.stdin.fileno()) if source == "-" else os.stat(source)
        except (OSError, ValueError, AttributeError):
            continue
        if (st.st_dev, st.st_ino) != (out.st_dev, out.st_ino):
            continue
        shown = "standard input" if source == "-" else _name(source)
        if stat.S_ISREG(st.st_mode):
            msg = (
                f"{option} {_name(path)} is the input file {shown}; expected a "
                "different file (writing it would destroy the input)"
            )
            raise InputError(msg)
        if stat.S_ISFIFO(st.st_mode):  # `... | deadlines check - -o /dev/stdin`
            msg = (
                f"{option} {_name(path)} is the input pipe {shown}; expected a different "
                "file (the run would wait forever for the input to end)"
            )
            raise InputError(msg)


@contextlib.contextmanager
def atomic_file(
    path: str,
    mode: str = "w",
    inputs: Iterable[str | None] = (),
    option: str = "--output",
    others: Iterable[str | None] = (),
) -> Iterator[IO]:
    """A file to write (or stream) into, committed only when the block completes (see above)."""
    check_target(path, inputs, option, others)
    text: dict[str, Any] = {} if "b" in mode else {"encoding": "utf-8", "newline": ""}
    try:
        st: os.stat_result | None = os.stat(path)  # through symlinks
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise _fail(path, e, option) from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        # A device, FIFO or socket (/dev/null, /dev/stdout): written straight, never replaced.
        try:
            f = open(path, mode, **text)  # noqa: SIM115 - closed below
        except OSError as e:
            raise _fail(path, e, option) from None
        try:
            with f:
                yield f
                f.flush()
        except BrokenPipeError:
            raise  # -o /dev/stdout | head: a closed pipe ends quietly, as stdout does
        except OSError as e:
            raise _fail(path, e, option) from None
        return
    import tempfile  # lazy: it pulls in shutil and random, which stdout-only runs never need

    real = os.path.realpath(path)  # a symlink is written through: its target is replaced
    directory = os.path.dirname(real)
    try:
        fd, tmp = tempfile.mkstemp(
            dir=directory, prefix=f".{os.path.basename(real)}.", suffix=".tmp"
        )
    except OSError as e:
        msg = (
            f"cannot write {option} {_name(path)}: {e.strerror or e}; expected a writable directory"
        )
        raise InputError(msg) from None
    try:
        with os.fdopen(fd, mode, **text) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask())
        os.replace(tmp, real)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError) and not isinstance(e, BrokenPipeError):
            raise _fail(path, e, option) from None
        raise


def write_atomic(
    path: str,
    data: bytes,
    inputs: Iterable[str | None] = (),
    option: str = "--output",
    others: Iterable[str | None] = (),
) -> None:
    """Write `data` to `path` atomically (see atomic_file)."""
    with atomic_file(path, "wb", inputs, option, others) as f:
        f.write(data)


def write_stdout(data: str | bytes) -> None:
    """Write to standard output (bytes to its buffer); errors go up to cli.main()."""
    if isinstance(data, bytes):
        sys.stdout.flush()
        write_pieces(sys.stdout.buffer, data)
    else:
        write_pieces(sys.stdout, data if data.endswith("\n") else data + "\n")


_PIECE = 2048  # characters (at most 8 KiB of UTF-8, io's buffer size) or bytes


def write_pieces(out: IO[Any], data: str | bytes) -> None:
    """Write `data` in pieces small enough to pass through io's buffers. One large write to a
    pipe whose reader has gone (`| head`) can be cut short without an error (BufferedWriter
    returns the count written, TextIOWrapper ignores it), so the closed pipe would go
    unnoticed; written in pieces, it raises BrokenPipeError as row-by-row output does."""
    for start in range(0, len(data), _PIECE):
        out.write(data[start : start + _PIECE])


def console(file: IO[str] | None = None, **kwargs: Any) -> Any:
    """A rich Console whose closed pipe raises BrokenPipeError (rich itself exits 1)."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    made = _Console(file=file, **kwargs)
    # COLUMNS=0 printed nothing, and a few columns only borders.
    made.width = max(made.width, MIN_WIDTH)
    return made


MIN_WIDTH = 40  # columns: the narrowest a table or block is laid out in (a terminal wraps it)


def describe_write_error(e: BaseException) -> str:
    """One line for an error writing standard output."""
    if isinstance(e, UnicodeEncodeError):
        encoding = getattr(sys.stdout, "encoding", None) or e.encoding
        return (
            f"cannot write the output in the {encoding} encoding "
            f"({e.object[e.start : e.end]!a} does not fit); expected a UTF-8 terminal: "
            "set PYTHONIOENCODING=utf-8 or PYTHONUTF8=1, or write a file with -o"
        )
    if isinstance(e, OSError):
        return f"cannot write the output: {e.strerror or e}"
    return f"cannot write the output: {e}"
