"""Reading wire copy: sentences, datelines and sources, titles, dates and summaries."""
