"""Exports of the current list (CSV, XLSX, JSON) with their codebook, and the admin import of the same columns."""
