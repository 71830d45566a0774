"""Open data: public case IDs and versions, citations, linked data, OAI-PMH and data packages."""
