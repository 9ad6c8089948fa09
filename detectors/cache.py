"""A versioned on-disk cache of built detector resources (lemma tables, trigger inflections, the city index, the
sentence encoder's parsed tokenizer and weights), so that a restarted detector process is ready in a fraction of
the time it takes to build them.

Where: ``$WIREWATCH_STATE_DIR/cache/detectors``, else ``$XDG_CACHE_HOME/wirewatch/detectors`` (``~/.cache``),
never the source tree; ``WIREWATCH_DETECTOR_CACHE=off`` turns it off. Each entry is named for what it holds
and a key (a hash of the versions and inputs it was built from: package versions, Python's, data file
contents), checked again on load. A missing, stale, corrupt or unreadable entry is rebuilt and rewritten (a
temporary file renamed over it, in a background thread, so a reader never sees half an entry); failing to write it
is no error.

Values are stored with ``marshal`` (dicts, sets, tuples, strings, numbers, bytes: no code runs on load, unlike
pickle). marshal's format depends on the Python version, which is part of every key. Numpy arrays are stored raw
in one ``.arrays`` file (a JSON header naming each array's dtype, shape and offset, then the data, aligned) and
mapped into memory on load, copy-on-write: no array is read or copied until it is used, and the pages are the
page cache's, shared by every detector process. Reading the 68 MB language-id model and the 79 MB sentence encoder
from ``.npz`` took 0.5 s each, on every start of a detector process (the way to the first alert after a crash).
Object arrays are refused both ways (no pickle).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import marshal
import mmap
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

FORMAT = 1  # bump when the layout of an entry changes
OFF = frozenset({"0", "off", "false", "no"})
T = TypeVar("T")
log = logging.getLogger("wirewatch.detectors.cache")
_pending: list[threading.Thread] = []  # writes in progress
_pending_lock = threading.Lock()


def cache_dir() -> Path | None:
    """Where entries live, or None when the cache is off."""
    if os.environ.get("WIREWATCH_DETECTOR_CACHE", "").strip().lower() in OFF:
        return None
    state = os.environ.get("WIREWATCH_STATE_DIR")
    if state:
        return Path(state) / "cache" / "detectors"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "wirewatch" / "detectors"


@cache
def version(dist: str) -> str:
    """An installed distribution's version, or ``none``."""
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "none"


def key(*parts: object) -> str:
    """A hash of ``parts`` plus this package's version, Python's and the cache format."""
    digest = hashlib.sha256()
    for part in (FORMAT, sys.version, version("wirewatch"), *parts):
        digest.update(repr(part).encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()[:24]


def words_key(words: Iterable[str]) -> str:
    """A hash of a set of strings, independent of their order."""
    return hashlib.sha256("\n".join(sorted(words)).encode("utf-8", "surrogatepass")).hexdigest()[:24]


def files_key(paths: Iterable[Path]) -> str:
    """A hash of files' names and contents (a missing file counts as empty)."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path).encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"\0missing")
    return digest.hexdigest()[:24]


def stat_key(paths: Iterable[Path]) -> str:
    """A hash of files' names, sizes and modification times (for large files: no need to read them)."""
    parts = []
    for path in sorted(paths):
        try:
            st = path.stat()
            parts.append((str(path), st.st_size, st.st_mtime_ns))
        except OSError:
            parts.append((str(path), -1, -1))
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()[:24]


def _write_behind(path: Path, write: Callable[[Any], None]) -> None:
    """:func:`_write` in a thread of its own: the process goes on with the value it built (the cold start is not
    slowed by writing ~150 MB); the interpreter waits for the thread at exit (not a daemon), and a process killed
    meanwhile leaves at most a temporary file, never a partial entry."""
    thread = threading.Thread(target=_write, args=(path, write), name="detector-cache-write")
    with _pending_lock:
        _pending[:] = [t for t in _pending if t.is_alive()] + [thread]
    thread.start()


def wait_written(timeout: float = 60.0) -> None:
    """Wait (at most ``timeout`` seconds) until the entries written behind so far are on disk."""
    deadline = time.monotonic() + timeout
    with _pending_lock:
        threads = list(_pending)
    for thread in threads:
        thread.join(max(deadline - time.monotonic(), 0.0))


def _write(path: Path, write: Callable[[Any], None]) -> None:
    """Write through ``write(file)`` into a temporary file beside ``path``, then rename it over ``path``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as err:
        log.info("detector cache not written (%s): %s", path, err)
        return
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
        os.replace(tmp, path)
    except (OSError, ValueError) as err:
        log.info("detector cache not written (%s): %s", path, err)
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def cached(name: str, entry_key: str, build: Callable[[], T]) -> T:
    """The value stored under ``name`` with ``entry_key``, else ``build()`` (stored for next time). The value
    must be marshal-able (dict, list, tuple, set, frozenset, str, bytes, int, float, bool, None)."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}.marshal"
    try:
        stored = marshal.loads(path.read_bytes())
        if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == entry_key:
            return stored[1]
    except FileNotFoundError:
        pass
    except (OSError, EOFError, ValueError, TypeError) as err:  # corrupt or unreadable: rebuild
        log.info("detector cache %s ignored: %s", path, err)
    value = build()
    data = marshal.dumps((entry_key, value))
    _write_behind(path, lambda f: f.write(data))
    return value


_MAGIC = b"WWARRAYS"  # then the header's length (8 bytes, little-endian), the JSON header, the aligned data
_ALIGN = 64


def _aligned(n: int) -> int:
    return -(-n // _ALIGN) * _ALIGN


def write_arrays(f: Any, entry_key: str, arrays: dict[str, np.ndarray]) -> None:
    """Write ``arrays`` and ``entry_key`` to the binary file ``f`` in the ``.arrays`` layout."""
    flat, layout, offset = [], [], 0
    for name, value in arrays.items():
        array = np.asarray(value, order="C")  # C-contiguous, and 0-d stays 0-d
        if array.dtype.hasobject:
            raise ValueError(f"array {name!r} holds Python objects")
        offset = _aligned(offset)
        layout.append({"name": name, "dtype": np.lib.format.dtype_to_descr(array.dtype),
                       "shape": list(array.shape), "offset": offset})
        flat.append((offset, array.reshape(-1).view(np.uint8)))
        offset += array.nbytes
    header = json.dumps({"key": entry_key, "arrays": layout}).encode()
    start = _aligned(len(_MAGIC) + 8 + len(header))
    f.write(_MAGIC + len(header).to_bytes(8, "little") + header + bytes(start - len(_MAGIC) - 8 - len(header)))
    written = 0
    for at, data in flat:
        f.write(bytes(at - written))
        f.write(data)
        written = at + data.size


def read_arrays(path: Path) -> tuple[str, dict[str, np.ndarray]]:
    """The key and the arrays of an ``.arrays`` file, mapped copy-on-write (writable; writes stay private)."""
    with path.open("rb") as f:
        mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_COPY)
    if mapped[:len(_MAGIC)] != _MAGIC:
        raise ValueError("not an arrays file")
    size = int.from_bytes(mapped[len(_MAGIC):len(_MAGIC) + 8], "little")
    header = json.loads(mapped[len(_MAGIC) + 8:len(_MAGIC) + 8 + size])
    start = _aligned(len(_MAGIC) + 8 + size)
    out: dict[str, np.ndarray] = {}
    for item in header["arrays"]:
        dtype = np.lib.format.descr_to_dtype(item["dtype"])
        if dtype.hasobject:
            raise ValueError(f"array {item['name']!r} holds Python objects")
        shape = tuple(int(n) for n in item["shape"])
        out[str(item["name"])] = np.frombuffer(mapped, dtype=dtype, count=int(np.prod(shape)),
                                               offset=start + int(item["offset"])).reshape(shape)
    return str(header["key"]), out


def cached_arrays(name: str, entry_key: str, build: Callable[[], dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """Named numpy arrays stored under ``name`` with ``entry_key`` (an ``.arrays`` file, mapped), else
    ``build()``."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}.arrays"
    try:
        stored_key, stored = read_arrays(path)
        if stored_key == entry_key:
            return stored
    except FileNotFoundError:
        pass
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:  # corrupt or truncated: rebuild
        log.info("detector cache %s ignored: %s", path, err)
    arrays = build()
    _write_behind(path, lambda f: write_arrays(f, entry_key, arrays))
    return arrays
