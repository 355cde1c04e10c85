"""PUBLISH: which folder may be replaced, and the atomic swap of the new site into it."""
