"""MODEL: which pages exist and what each shows, decided before anything renders."""
