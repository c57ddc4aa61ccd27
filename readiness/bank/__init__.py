"""Loading, schema and meaning checks of question banks, and the cache of checked banks."""
