"""The command-line tools beside serve: build, check (+ suggest), inspect, ingest, new."""
