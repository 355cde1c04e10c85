"""The build cache's safe serialisation: model dataclasses and YAML values to JSON text and back.

Never pickle: a cache folder comes with a project (or a CI restore), and a project must not be
able to run code. Only the dataclasses named in `MODEL` are rebuilt, and every field is checked
against its declared type; anything else in the text is an error, which the cache treats as a miss.
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import json
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta, timezone
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo

from digestgen import model
from digestgen.errors import Problem

# Every dataclass of the content model (so a new field or class is cached without a change here), and Problem.
MODEL: dict[str, type] = {
    name: cls
    for name, cls in vars(model).items()
    if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__
}
MODEL["Problem"] = Problem


class CodecError(ValueError):
    """Cache text that does not decode to what digestgen wrote."""


def dumps(value: Any) -> str:
    """JSON text for a model value (compact, key order kept); TypeError for what cannot be cached."""
    try:
        return json.dumps(_encode(value), ensure_ascii=False, separators=(",", ":"))
    except RecursionError:  # a value nested past Python's stack: not worth caching
        raise TypeError("value nested too deeply to cache") from None


def loads(text: str | bytes) -> Any:
    """The value `dumps` was given, every model field of the declared type; raises CodecError on anything else."""
    try:
        value = _decode(json.loads(text))
        _check(value)
        return value
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
        raise CodecError(f"{type(exc).__name__}: {exc}"[:200]) from None


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if MODEL.get(name) is not type(value):
            raise TypeError(f"cannot cache {name}")
        return {"$dc": name, "f": {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    if isinstance(value, tuple):
        return {"$t": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, (dict, MappingProxyType)):
        return {"$m": [[_encode(k), _encode(v)] for k, v in value.items()], "ro": isinstance(value, MappingProxyType)}
    if isinstance(value, datetime):
        return _encode_datetime(value)
    if isinstance(value, date):
        return {"$d": value.isoformat()}
    if isinstance(value, (bytes, bytearray)):
        return {"$b": base64.b64encode(value).decode("ascii")}
    if isinstance(value, (set, frozenset)):
        return {"$s": sorted((_encode(v) for v in value), key=repr), "frozen": isinstance(value, frozenset)}
    raise TypeError(f"cannot cache a value of type {type(value).__name__}")


def _encode_datetime(value: datetime) -> dict[str, Any]:
    tz = value.tzinfo
    out: dict[str, Any] = {"$dt": value.replace(tzinfo=None).isoformat(), "fold": value.fold}
    if isinstance(tz, ZoneInfo):
        out["zone"] = tz.key
    elif tz is not None:
        offset = tz.utcoffset(value)
        out["offset"] = offset.total_seconds() if offset is not None else None
    return out


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "$dc" in value:
        cls = MODEL[value["$dc"]]
        return cls(**{k: _decode(v) for k, v in value["f"].items()})
    if "$t" in value:
        return tuple(_decode(v) for v in value["$t"])
    if "$m" in value:
        mapping = {_decode(k): _decode(v) for k, v in value["$m"]}
        return MappingProxyType(mapping) if value.get("ro") else mapping
    if "$dt" in value:
        return _decode_datetime(value)
    if "$d" in value:
        return date.fromisoformat(value["$d"])
    if "$b" in value:
        return base64.b64decode(value["$b"], validate=True)
    if "$s" in value:
        items = [_decode(v) for v in value["$s"]]
        return frozenset(items) if value.get("frozen") else set(items)
    raise CodecError(f"unknown cache value {sorted(value)}")


def _decode_datetime(value: dict[str, Any]) -> datetime:
    naive = datetime.fromisoformat(value["$dt"]).replace(fold=int(value.get("fold", 0)))
    if "zone" in value:
        return naive.replace(tzinfo=ZoneInfo(value["zone"]))
    if value.get("offset") is not None:
        return naive.replace(tzinfo=timezone(timedelta(seconds=value["offset"])))
    return naive


def _check(value: Any) -> None:
    """Every model dataclass inside `value` holds values of its fields' declared types (TypeError if not)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if not _checker(type(value))(value):
            raise TypeError(f"a {type(value).__name__} holds a value of the wrong type")
    elif isinstance(value, (list, tuple)):
        for item in value:
            _check(item)


Check = Callable[[Any], bool]


@functools.cache
def _checker(hint: Any) -> Check:
    """A function telling whether a value is of type `hint` (the subset of typing the model uses),
    made once per type so that checking a row costs no more than walking it."""
    if hint is Any:
        return lambda v: True
    if hint is None or hint is type(None):
        return lambda v: v is None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Literal:
        allowed = frozenset(args)
        return lambda v: isinstance(v, str) and v in allowed
    if origin in (typing.Union, types.UnionType):
        options = tuple(_checker(a) for a in args)
        return lambda v: any(check(v) for check in options)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _checker(args[0])
            return lambda v: isinstance(v, tuple) and all(map(item, v))
        items = tuple(_checker(a) for a in args)
        return lambda v: (
            isinstance(v, tuple) and len(v) == len(items) and all(c(x) for c, x in zip(items, v, strict=True))
        )
    if origin in (Mapping, dict) or origin is typing.get_origin(Mapping[str, Any]):
        key, val = _checker(args[0]), _checker(args[1])
        return lambda v: isinstance(v, Mapping) and all(key(k) and val(x) for k, x in v.items())
    if hint is bool:
        return lambda v: isinstance(v, bool)
    if hint is int:
        return lambda v: isinstance(v, int) and not isinstance(v, bool)
    if hint is float:
        return lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        fields = tuple((name, _field_checker(hint, name)) for name in _hints(hint))
        return lambda v: type(v) is hint and all(check(getattr(v, name)) for name, check in fields)
    if isinstance(hint, type):
        return lambda v: isinstance(v, hint)
    return lambda v: False


def _field_checker(cls: type, name: str) -> Check:
    """The checker of one field, looked up when first used (a field may name its own class)."""
    found: list[Check] = []

    def check(value: Any) -> bool:
        if not found:
            found.append(_checker(_hints(cls)[name]))
        return found[0](value)

    return check


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)
