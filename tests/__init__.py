"""Test suite of sidebyside."""
