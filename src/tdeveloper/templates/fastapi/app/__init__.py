"""The generated backend application."""
