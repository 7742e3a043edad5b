"""Export the dataclasses and enums of Python modules as a casty-schema JSON document.

Usage::

    python casty_schema.py shop.messages [shop.other ...] > casty-schema.json

Run it with the Python interpreter and ``PYTHONPATH`` of the application whose modules it
describes: it imports them. It needs Python 3.10 or newer and nothing else (Casty itself is
optional); the working directory is on the import path, as with ``python -m``. Every dataclass and ``Enum`` defined in the named modules (including classes
nested in them) is described, together with every dataclass or enum that their fields
refer to, so the document is closed. Field types follow the ``typing`` annotations as
Casty's ``JsonSerializer`` puts the values on the wire; the format is documented in the
casty-codegen README (``format`` ``casty-schema``, ``version`` 1).

A module may guard ``from casty import ActorRef`` with ``TYPE_CHECKING`` and bind
``ActorRef = Any`` at run time: string annotations naming ``ActorRef`` are then still read
as actor references.

Part of casty-spring (casty-codegen); it contains no code of Casty.
"""

from __future__ import annotations

import dataclasses
import enum
import importlib
import json
import os
import sys
import types
import typing

FORMAT = "casty-schema"
VERSION = 1

_REF_NAMES = {"ActorRef", "RemoteActorRef", "LocalActorRef"}


class _RefMarker:
    """Stands for Casty's ActorRef where a module binds it to ``Any`` at run time."""

    def __class_getitem__(cls, item):
        return types.GenericAlias(cls, (item,))


class SchemaError(Exception):
    pass


def _type_name(cls) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _is_ref_class(obj) -> bool:
    if obj is _RefMarker:
        return True
    module = getattr(obj, "__module__", "") or ""
    return getattr(obj, "__name__", None) in _REF_NAMES and module.split(".")[0] == "casty"


def _json_scalar(value):
    if value is None or isinstance(value, (bool, str)):
        return True
    if isinstance(value, int):
        return True
    if isinstance(value, float):
        return value == value and value not in (float("inf"), float("-inf"))
    return False


class Exporter:
    def __init__(self) -> None:
        self.types: dict[str, dict] = {}
        self.pending: list[type] = []
        self.warnings: list[str] = []

    # -- discovery ----------------------------------------------------------------------

    def add_module(self, module_name: str) -> None:
        module = importlib.import_module(module_name)
        for value in list(vars(module).values()):
            if isinstance(value, type) and value.__module__ == module_name:
                self._add_class_tree(value)

    def _add_class_tree(self, cls: type) -> None:
        if "<locals>" in cls.__qualname__:
            return
        if self._is_exported_kind(cls):
            self._queue(cls)
        for value in list(vars(cls).values()):
            if isinstance(value, type) and value.__module__ == cls.__module__ \
                    and value.__qualname__.startswith(cls.__qualname__ + "."):
                self._add_class_tree(value)

    @staticmethod
    def _is_exported_kind(cls: type) -> bool:
        return (dataclasses.is_dataclass(cls) or issubclass(cls, enum.Enum)) and not _is_ref_class(cls)

    def _queue(self, cls: type) -> None:
        name = _type_name(cls)
        if name not in self.types and cls not in self.pending:
            self.pending.append(cls)

    def run(self) -> None:
        while self.pending:
            cls = self.pending.pop(0)
            name = _type_name(cls)
            if name in self.types:
                continue
            if issubclass(cls, enum.Enum):
                self.types[name] = self._describe_enum(cls)
            else:
                self.types[name] = self._describe_dataclass(cls)

    # -- classes ------------------------------------------------------------------------

    @staticmethod
    def _source(cls: type) -> str:
        module = sys.modules.get(cls.__module__)
        path = cls.__module__.replace(".", "/")
        if module is not None and getattr(module, "__path__", None) is not None:
            return path + "/__init__.py"
        return path + ".py"

    @staticmethod
    def _doc(cls: type) -> str | None:
        doc = cls.__dict__.get("__doc__")
        if not doc:
            return None
        # dataclass() writes a signature as the docstring of an undocumented class
        if dataclasses.is_dataclass(cls) and doc.startswith(cls.__name__ + "("):
            return None
        import inspect
        return inspect.cleandoc(doc)

    def _header(self, cls: type, kind: str) -> dict:
        result = {
            "kind": kind,
            "name": _type_name(cls),
            "module": cls.__module__,
            "qualname": cls.__qualname__,
            "source": self._source(cls),
        }
        doc = self._doc(cls)
        if doc is not None:
            result["doc"] = doc
        return result

    def _describe_enum(self, cls: type) -> dict:
        result = self._header(cls, "enum")
        bases = [b.__name__ for b in cls.__mro__[1:] if b.__module__ == "enum" and b is not enum.Enum]
        result["base"] = bases[0] if bases else "Enum"
        members = []
        for name, member in cls.__members__.items():
            entry = {"name": name}
            if member.name != name:
                entry["alias_of"] = member.name
            if _json_scalar(member.value):
                entry["value"] = member.value
            else:
                entry["value_repr"] = repr(member.value)
            members.append(entry)
        result["members"] = members
        return result

    def _describe_dataclass(self, cls: type) -> dict:
        result = self._header(cls, "dataclass")
        params = getattr(cls, "__dataclass_params__", None)
        result["frozen"] = bool(getattr(params, "frozen", False))
        hints = self._hints(cls)
        fields = []
        for f in dataclasses.fields(cls):
            annotation = hints.get(f.name, f.type)
            try:
                described = self.describe(annotation)
            except SchemaError as ex:
                raise SchemaError(f"{_type_name(cls)}.{f.name}: {ex}") from None
            entry = {"name": f.name, "type": described}
            if f.default is not dataclasses.MISSING:
                entry["default"] = self._default(f.default)
            elif f.default_factory is not dataclasses.MISSING:  # type: ignore[misc]
                factory = f.default_factory  # type: ignore[misc]
                entry["default"] = {"factory": getattr(factory, "__qualname__", repr(factory))}
            if not f.init:
                entry["init"] = False
            if getattr(f, "kw_only", False) is True:
                entry["kw_only"] = True
            fields.append(entry)
        result["fields"] = fields
        return result

    @staticmethod
    def _default(value) -> dict:
        if isinstance(value, enum.Enum):
            return {"enum": _type_name(type(value)), "member": value.name}
        if _json_scalar(value):
            return {"value": value}
        return {"repr": repr(value)}

    @staticmethod
    def _hints(cls: type) -> dict:
        localns = dict(vars(cls))
        hints = {}
        for klass in reversed(cls.__mro__):
            raw = klass.__dict__.get("__annotations__", {})
            owner = sys.modules.get(klass.__module__)
            namespace = dict(vars(owner)) if owner is not None else {}
            if namespace.get("ActorRef") in (None, typing.Any):
                namespace["ActorRef"] = _RefMarker
            for name, annotation in raw.items():
                if isinstance(annotation, str):
                    try:
                        annotation = eval(annotation, namespace, localns)  # noqa: S307 - the user's own annotations
                    except Exception as ex:  # noqa: BLE001
                        raise SchemaError(f"{_type_name(cls)}.{name}: cannot resolve annotation "
                                          f"{annotation!r}: {ex}") from None
                hints[name] = annotation
        return hints

    # -- annotations --------------------------------------------------------------------

    def describe(self, tp) -> dict:
        if tp is None or tp is type(None):
            return {"kind": "none"}
        if isinstance(tp, str):
            raise SchemaError(f"unresolved annotation {tp!r}")
        if isinstance(tp, typing.ForwardRef):
            raise SchemaError(f"unresolved annotation {tp.__forward_arg__!r}")
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin is typing.Annotated:
            return self.describe(args[0])
        if tp is typing.Any or tp is object:
            return {"kind": "any"}
        if hasattr(tp, "__supertype__"):
            return self.describe(tp.__supertype__)
        if isinstance(tp, typing.TypeVar):
            return {"kind": "any", "python": tp.__name__}
        if origin is typing.ClassVar:
            return self.describe(args[0]) if args else {"kind": "any"}
        if tp is bool:
            return {"kind": "bool"}
        if tp is int:
            return {"kind": "int"}
        if tp is float:
            return {"kind": "float"}
        if tp is str:
            return {"kind": "str"}
        if tp is bytes or tp is bytearray:
            raise SchemaError("bytes cannot be sent by Casty's JsonSerializer; send a str (for example base64)")
        if origin is typing.Literal:
            values = list(args)
            if all(_json_scalar(v) for v in values):
                return {"kind": "literal", "values": values}
            raise SchemaError(f"Literal values must be str, int, float, bool or None: {tp!r}")
        if origin is typing.Union or origin is types.UnionType:
            members = [a for a in args if a is not type(None)]
            optional = len(members) != len(args)
            inner = self.describe(members[0]) if len(members) == 1 \
                else {"kind": "union", "types": [self.describe(a) for a in members]}
            return {"kind": "optional", "type": inner} if optional else inner
        if _is_ref_class(tp):
            return {"kind": "ref", "message": {"kind": "any"}}
        if origin is not None and _is_ref_class(origin):
            return {"kind": "ref", "message": self.describe(args[0]) if args else {"kind": "any"}}
        if tp is list or origin is list or origin is typing.List:  # noqa: UP006
            return {"kind": "list", "item": self.describe(args[0]) if args else {"kind": "any"}}
        if tp is tuple or origin is tuple:
            if not args:
                # bare ``tuple`` is any tuple; ``tuple[()]`` (3.11+: no args) is the empty one
                return {"kind": "tuple", "item": {"kind": "any"}} if tp is tuple else {"kind": "tuple", "items": []}
            if len(args) == 2 and args[1] is Ellipsis:
                return {"kind": "tuple", "item": self.describe(args[0])}
            if args == ((),):
                return {"kind": "tuple", "items": []}
            return {"kind": "tuple", "items": [self.describe(a) for a in args]}
        if tp is frozenset or origin is frozenset:
            return {"kind": "frozenset", "item": self.describe(args[0]) if args else {"kind": "any"}}
        if tp is dict or origin is dict:
            return {"kind": "dict",
                    "key": self.describe(args[0]) if args else {"kind": "any"},
                    "value": self.describe(args[1]) if len(args) > 1 else {"kind": "any"}}
        if tp is set or origin is set:
            raise SchemaError("set cannot be sent by Casty's JsonSerializer; use frozenset")
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            self._queue(tp)
            return {"kind": "enum", "name": _type_name(tp)}
        if isinstance(tp, type) and dataclasses.is_dataclass(tp):
            self._queue(tp)
            return {"kind": "dataclass", "name": _type_name(tp)}
        if origin is not None and isinstance(origin, type) and dataclasses.is_dataclass(origin):
            self._queue(origin)
            return {"kind": "dataclass", "name": _type_name(origin)}
        raise SchemaError(f"{tp!r} is not something Casty's JsonSerializer sends "
                          "(use str, int, float, bool, list, tuple, frozenset, dict, a dataclass, an Enum "
                          "or an ActorRef)")


def export(module_names: list[str]) -> dict:
    exporter = Exporter()
    for name in module_names:
        exporter.add_module(name)
    exporter.run()
    return {
        "format": FORMAT,
        "version": VERSION,
        "python": "%d.%d" % sys.version_info[:2],
        "modules": list(module_names),
        "types": list(exporter.types.values()),
    }


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        print("usage: python casty_schema.py MODULE [MODULE ...] > casty-schema.json", file=sys.stderr)
        return 0 if argv else 2
    if sys.version_info < (3, 10):
        print("casty_schema.py needs Python 3.10 or newer", file=sys.stderr)
        return 2
    # Like ``python -m``: modules of the working directory are importable.
    if os.getcwd() not in sys.path:
        sys.path.insert(1, os.getcwd())
    try:
        document = export(argv)
    except SchemaError as ex:
        print(f"casty_schema.py: {ex}", file=sys.stderr)
        return 1
    except ImportError as ex:
        print(f"casty_schema.py: cannot import {ex.name or ex}: check PYTHONPATH", file=sys.stderr)
        return 1
    out = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    sys.stdout.buffer.write(out.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
