"""Leaders and topics: the registries, and inferring each from an article's text."""
