"""LOAD: content files, theme and static files, and digests of a project's inputs."""
