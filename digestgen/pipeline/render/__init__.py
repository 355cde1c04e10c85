"""RENDER: pages through templates, feeds, the search index and what templates call."""
