"""Inference of article metadata (topics, leaders) from plain text."""
