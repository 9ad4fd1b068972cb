"""Screens of the reader: the main reader, help, pickers and editors."""
