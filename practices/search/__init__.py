"""Chinese full-text search: tokenising, the n-gram index (SQLite and PostgreSQL) and the ranked query."""
