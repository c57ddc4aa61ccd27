"""Shared by the fuzz tests: Hypothesis settings and strategies, and the checks they share.

tests/test_fuzz_banks_answers_replies.py fuzzes what people write (banks, answers files, typed
replies); tests/test_fuzz_results_and_groups.py fuzzes the files the tool writes and reads back
(results, groups). Both hold every input to the same bar: success or one clean error.

"Clean" means a :class:`ReadinessError` whose every line names the file (exit 1 for a file
that was read but is unusable), never another exception, never a hang, and never a partial
output file. Each test draws a budget of examples (``FUZZ_EXAMPLES`` raises it, e.g. to 2000
for a long run) and each example has a deadline, so the fuzz files stay well under a minute.
"""

from __future__ import annotations

import contextlib
import copy
import json
import math
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from readiness import schemas
from readiness.bank.load import load_bank
from readiness.errors import InputError, ReadinessError


def fuzz(examples: int) -> settings:
    """Settings for one fuzz test: ``examples`` a run (``FUZZ_EXAMPLES`` overrides), 2 s each.

    The budgets keep the fuzz files well under a minute. CI draws the same examples every run, so
    a failure there is never a flake; with FUZZ_EXAMPLES set, each run explores afresh (and
    Hypothesis keeps what fails in .hypothesis/ to replay it).
    """
    return settings(
        max_examples=int(os.environ.get("FUZZ_EXAMPLES", examples)),
        deadline=2000,
        derandomize="FUZZ_EXAMPLES" not in os.environ,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )


QUICK = load_bank("quick")
for _name in schemas.SCHEMA_NAMES:  # compile once now, not inside the first timed example
    with contextlib.suppress(FileNotFoundError):
        schemas.validator(_name)

# ---------------------------------------------------------------------------- strategies

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(-(10**400), 10**400)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
)
# Values a JSON file can hold, NaN and infinities included (Python's json writes and reads them).
json_scalars = scalars | st.sampled_from([math.nan, math.inf, -math.inf, "", "dont_know", "\ud800"])


def containers(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)


json_values = st.recursive(json_scalars, containers, max_leaves=12)
# What yaml.safe_dump can write: no lone surrogates, no NaN (which our loader refuses anyway).
yaml_values = st.recursive(scalars, containers, max_leaves=20)

# ---------------------------------------------------------------------------- helpers


def assert_clean(error: ReadinessError, shown: str) -> None:
    """One line per finding, each naming the file; exit 1 (the file was there and read)."""
    assert isinstance(error, InputError), (type(error), str(error))
    lines = str(error).splitlines()
    assert lines, "an error without a message"
    for line in lines:
        assert shown in line, line


def outcome(action: Callable[[], Any], shown: str) -> Any:
    """``action()``, or None when it raised a clean error (anything else fails the test)."""
    try:
        return action()
    except ReadinessError as error:
        assert_clean(error, shown)
        return None


def paths(data: Any, here: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a value inside nested dicts and lists, the root excluded."""
    if isinstance(data, dict):
        items: Any = data.items()
    else:
        items = enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        yield (*here, key)
        yield from paths(value, (*here, key))


REMOVE = object()


def replaced(data: Any, where: tuple[Any, ...], value: Any) -> Any:
    """A deep copy of ``data`` with the value at ``where`` replaced (or removed: ``REMOVE``)."""
    data = copy.deepcopy(data)
    parent = data
    for key in where[:-1]:
        parent = parent[key]
    if value is REMOVE:
        del parent[where[-1]]
    else:
        parent[where[-1]] = value
    return data


def mutated(data: Any, draw: st.DrawFn) -> Any:
    """``data`` with one value replaced by a random value, or (a quarter of the time) one key
    of a mapping removed."""
    where = draw(st.sampled_from(list(paths(data))))
    parent = data
    for key in where[:-1]:
        parent = parent[key]
    remove = isinstance(parent, dict) and draw(st.booleans()) and draw(st.booleans())
    return replaced(data, where, REMOVE if remove else draw(json_values))


def write_json(path: Path, data: Any) -> None:
    """JSON as another tool might write it: NaN allowed, lone surrogates escaped."""
    path.write_text(json.dumps(data, ensure_ascii=True, allow_nan=True), "utf-8")


def check_output(path: Path, schema: str | None) -> None:
    """An output file either does not exist or is complete (valid JSON against ``schema``)."""
    leftovers = [p.name for p in path.parent.iterdir() if p.name.startswith(f".{path.name}.")]
    assert not leftovers, leftovers
    if path.exists() and schema is not None:
        assert schemas.check_data(json.loads(path.read_text("utf-8")), schema) == []
