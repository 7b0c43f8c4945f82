"""gui package."""

from .refcount_guard import pin_singletons

pin_singletons()  # before any PySide6 call: see refcount_guard
