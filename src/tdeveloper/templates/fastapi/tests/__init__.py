"""Tests of the generated backend; a package so they can import `tests.factories`."""
