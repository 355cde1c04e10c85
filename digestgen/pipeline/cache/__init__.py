"""The persistent build cache and its safe serialisation."""
