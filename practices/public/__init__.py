"""The public site: pages, list filters and facets, related cases, feeds, sitemaps and the page cache."""
