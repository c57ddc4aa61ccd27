"""Writing many results to a folder quickly, with the same guarantees as one atomic write.

Writing one file safely costs two fsyncs (the data, then the folder after the rename); for
2,000 results that is seconds of waiting on the disk. Here results are written to private
temporary files in groups; each group is flushed to disk with one ``os.sync()``, then renamed
into place and the folder synced once. A crash leaves either the old file or the whole new
one, never half of one, exactly as :func:`readiness.store.write_text_atomic`.
"""

from __future__ import annotations

import contextlib
import json
import marshal
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from readiness import store
from readiness.errors import UsageError

GROUP = 256
"""Results written between two flushes to disk."""


def _encoder() -> Callable[[Any], str]:
    """Compact JSON of a value, UTF-8 as is (``ensure_ascii=False``), by C encoders made once.

    ``JSONEncoder.encode`` makes a new C encoder on every call, which costs more than
    encoding one small item; a result has a hundred or more. The encoder that escapes all but
    ASCII is a quarter faster, and its text is the same when it holds no ``\\u`` escape (both
    escape control characters alike); otherwise the value is encoded again, keeping UTF-8.
    Results are built by readiness and never refer to themselves: no check for cycles.
    """
    from json import encoder

    plain = json.JSONEncoder(ensure_ascii=False, allow_nan=False)
    maker = getattr(encoder, "c_make_encoder", None)
    if maker is None:  # a Python without the C accelerator
        return plain.encode
    ascii_only, utf8 = (
        maker(
            None,  # no check for cycles
            plain.default,
            strings,
            None,  # no indent
            plain.key_separator,
            plain.item_separator,
            False,  # sort_keys
            False,  # skipkeys
            False,  # allow_nan
        )
        for strings in (encoder.encode_basestring_ascii, encoder.encode_basestring)
    )

    def encode(value: Any) -> str:
        text = "".join(ascii_only(value, 0))
        return text if "\\u" not in text else "".join(utf8(value, 0))

    return encode


_ENCODE = _encoder()


def dumps(result: dict[str, Any]) -> str:
    """The result as JSON with one item to a line: each top-level key, each answer, domain...

    Indented JSON is encoded by Python code and compact JSON by C, so writing each item
    compactly takes a fraction of the time of :func:`readiness.store.dumps`, and a result of
    a thousand files reads as well (one answer to a line). The data is the same.
    """
    lines = [f"  {_ENCODE(key)}: {_value(value)}" for key, value in result.items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def _value(value: Any) -> str:
    """A list item by item, a mapping of objects entry by entry, anything else on one line."""
    if isinstance(value, list) and value:
        return "[\n" + ",\n".join(f"    {_item(item)}" for item in value) + "\n  ]"
    if isinstance(value, dict) and value and all(isinstance(v, dict) for v in value.values()):
        rows = ",\n".join(f"    {_ENCODE(k)}: {_item(v)}" for k, v in value.items())
        return "{\n" + rows + "\n  }"
    return _ENCODE(value)


_KEPT: dict[bytes, str] = {}
_KEPT_MAX = 4096


def _item(item: Any) -> str:
    """An item as JSON, kept by its value: the results of one bank share most of their rows
    (an answer's prompt, domain, value, status...), and encoding a row costs three times
    more than finding it again.

    The value is its ``marshal`` bytes (format 2, which has no references), equal only for
    data of the same types and values in the same order: 1, 1.0 and True differ, and so do
    0.0 and -0.0, which are equal in Python but written otherwise.
    """
    try:
        key = marshal.dumps(item, 2)
    except ValueError:  # not plain data: the encoder says what is wrong
        return _ENCODE(item)
    text = _KEPT.get(key)
    if text is None:
        text = _ENCODE(item)
        if len(_KEPT) >= _KEPT_MAX:
            _KEPT.clear()
        _KEPT[key] = text
    return text


class FolderWriter:
    """Write texts to files in folders: atomically, owner-only, flushed to disk in groups.

    Use as a context manager; whatever is pending is written when the block ends.
    """

    def __init__(self) -> None:
        self.pending: list[tuple[str, Path]] = []
        self.folders: set[Path] = set()

    def __enter__(self) -> FolderWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.flush()
        else:
            for temp, _ in self.pending:
                with contextlib.suppress(OSError):
                    os.unlink(temp)

    def write(self, path: Path, text: str) -> None:
        """Queue ``text`` for ``path``; written for good by the next :meth:`flush`."""
        data = store.ensure_utf8(text, str(path))
        store.refuse_special(path)
        try:
            handle, temp = tempfile.mkstemp(
                dir=path.parent, prefix=f".{path.name}.", suffix=store.TEMP_SUFFIX
            )
            with os.fdopen(handle, "wb") as out:
                out.write(data)
        except OSError as exc:
            raise UsageError(
                f"{path}: cannot write ({exc.strerror}); nothing was changed"
            ) from None
        self.pending.append((temp, path))
        self.folders.add(path.parent)
        if len(self.pending) >= GROUP:
            self.flush()

    def flush(self) -> None:
        """Make the pending files durable, then rename each into place."""
        if not self.pending:
            return
        os.sync()
        pending, self.pending = self.pending, []
        for temp, path in pending:
            try:
                os.replace(temp, path)
            except OSError as exc:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                raise UsageError(f"{path}: cannot write ({exc.strerror})") from None
        for folder in self.folders:
            _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
