import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Each test writes uploads into its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def library(db):
    """Three published cases in two themes and three regions, plus a hidden case of every kind."""
    from tests.public_fixtures import build_library

    return build_library()


@pytest.fixture(autouse=True)
def _default_language():
    """Requests to /en/ leave English active in the test thread; every test starts in Chinese."""
    from django.utils import translation

    with translation.override("zh-hans"):
        yield
