"""Persistence: platformdirs locations and atomic JSON files."""
