"""`digestgen pull`: feeds fetched (fetch.py), read (feed.py) and written safely (store.py)."""
