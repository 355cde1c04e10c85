"""Modules of tools/build_leaders.py: readers per dataset, person merging, Phoenix join, output."""
