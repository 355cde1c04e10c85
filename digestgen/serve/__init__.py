"""The live preview: the rebuild loop, the HTTP server and the file watcher."""
