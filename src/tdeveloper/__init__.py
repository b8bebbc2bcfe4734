"""T-Developer: a description becomes a complete, runnable, tested project."""

__version__ = "0.1.0"
