"""pdfium's C functions called without ctypes' argument conversion, for the calls made once per character.

The PDF reader calls some pdfium functions once for every character of a page (the line-order
repair, the characters of a ruled table); through pypdfium2's typed bindings the conversion of
each argument costs more than the call itself.
"""

from __future__ import annotations

import ctypes
import functools
from typing import Any


class Handle(ctypes.c_void_p):
    """A pdfium handle as an :func:`untyped` function returns it with ``restype=Handle``: a pointer
    object (a subclass, so ctypes does not turn it into an int), passed back to pdfium as it is."""


@functools.cache
def untyped(name: str, restype: Any = None) -> Any:
    """pdfium's C function ``name`` without ctypes' argument conversion (its result a C ``int``, or
    ``restype``: :class:`Handle` for a function that returns a handle, to be passed on to another).

    The same C function as ``pypdfium2.raw``'s, as a function pointer of the same library type but
    with no ``argtypes``: the caller passes the pointers as ``c_void_p`` objects and the indices as
    ints (C ``int``), which ctypes hands over as they are. Through the binding's typed pointers the
    conversion cost twice the call itself (≈ 0.08 ms a page of the seed PDFs saved in the repair).
    """
    import pypdfium2.raw as pdfium_c

    binding = getattr(pdfium_c, name)
    function = type(binding)(ctypes.cast(binding, ctypes.c_void_p).value)
    if restype is not None:
        function.restype = restype
    return function
