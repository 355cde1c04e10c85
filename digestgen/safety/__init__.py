"""Guards every layer shares (configuration, parsing, publishing): safe YAML, safe URLs, and the
folders no build may replace. Nothing here imports the pipeline."""
