import pytest
from django.db import DatabaseError


@pytest.mark.django_db
def test_healthz_says_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_fails(client, monkeypatch):
    def broken(self, *args, **kwargs):
        raise DatabaseError("down")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"unavailable: db"


@pytest.mark.django_db
def test_healthz_names_the_cache_and_the_storage_when_they_fail(client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OSError("connection refused to 10.0.0.7")

    monkeypatch.setattr("django.core.cache.backends.locmem.LocMemCache.get", unreachable)
    monkeypatch.setattr("django.core.files.storage.FileSystemStorage.exists", unreachable)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"unavailable: cache storage"
