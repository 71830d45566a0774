"""The public read API (/api/v1/, django-ninja): published cases, themes, regions, institutions and tags."""
