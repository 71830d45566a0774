"""Uploaded pictures (checks, normalising, renditions, files) and generated illustrations."""
