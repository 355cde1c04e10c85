"""PARSE: front matter, bodies (Markdown or wire copy) and the whole article, inference included."""
