"""The pipeline, load -> parse -> infer -> model -> render -> publish, and the builder that runs it."""
