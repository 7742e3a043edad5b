"""casty-spring sample application: a small Casty v0.21.0 cluster node.

The package is the Python half of the casty-spring interoperability contract.
Its message classes (``casty_sample.messages``) travel over the wire with the
Casty ``JsonSerializer`` under their exact ``module.qualname`` names, so they
must not be renamed or moved.

Importing this package (or ``casty_sample.messages``) does not require Casty;
only the node (``casty_sample.node``) does.  Call :func:`ensure_casty` before
importing it to honour the ``CASTY_SRC`` environment variable.
"""

from __future__ import annotations

import importlib
import os
import sys

__all__ = ["ensure_casty"]


def ensure_casty() -> None:
    """Make ``import casty`` work, honouring ``$CASTY_SRC``.

    If ``CASTY_SRC`` is set, ``$CASTY_SRC/src`` is put first on ``sys.path``,
    or ``$CASTY_SRC`` itself when it directly contains a ``casty/`` package.
    Exits the process with a clear message if Casty still cannot be imported.
    """
    src = os.environ.get("CASTY_SRC")
    if src:
        candidate = src if os.path.isdir(os.path.join(src, "casty")) else os.path.join(src, "src")
        if candidate not in sys.path:
            sys.path.insert(0, candidate)
    try:
        importlib.import_module("casty")
    except ImportError as exc:
        hint = f"CASTY_SRC={src!r}" if src else "CASTY_SRC is not set"
        raise SystemExit(
            f"casty_sample: cannot import casty ({exc}); {hint}. "
            "Set CASTY_SRC to a Casty v0.21.0 checkout (the directory holding src/casty) "
            "or install casty==0.21.0."
        ) from exc
