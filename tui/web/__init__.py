"""Web pages as inputs: fetch, extract the article text, cache."""
