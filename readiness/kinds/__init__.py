"""Question types: one :class:`~readiness.kinds.base.Kind` per ``type:``, found by name.

``KIND_BY_TYPE`` maps a bank question's ``type`` to its kind, the one place that knows every
type (as copier's ``CAST_STR_TO_NATIVE`` maps a type name to its caster). Code elsewhere asks
``kind_of(question)`` for the schema fragment, allowed values, reply matching, normalising,
scoring, hint and widget, and never compares ``question.type`` with a name. To add a type,
see docs/architecture.md ("A new question type").
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from readiness.kinds.base import Kind
from readiness.kinds.choice import MultipleKind, ScaleKind, SingleKind, YesNoKind
from readiness.kinds.number import NumberKind
from readiness.kinds.text import TextKind
from readiness.model import Question

KIND_BY_TYPE: Mapping[str, Kind] = MappingProxyType(
    {
        kind.name: kind
        for kind in (
            ScaleKind(),
            SingleKind(),
            MultipleKind(),
            YesNoKind(),
            NumberKind(),
            TextKind(),
        )
    }
)


def kind_of(question: Question) -> Kind:
    """The kind of ``question`` (its ``type`` was checked against the bank schema)."""
    return KIND_BY_TYPE[question.type]


__all__ = ["KIND_BY_TYPE", "Kind", "kind_of"]
