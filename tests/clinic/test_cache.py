"""Redis is a cache, not a vault: without it the app reads through to the database and nobody is logged out."""

from importlib import import_module

import pytest
from django.core.cache import caches
from django.test import override_settings

from tests.factories import TEST_PASSWORD
from tests.live.servers import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_away(settings):
    """Point the cache at a port where no Redis listens, as during an outage."""
    url = f"redis://127.0.0.1:{free_port()}/0"
    backend = {"BACKEND": "clinic.cache.DegradingRedisCache", "LOCATION": url}
    with override_settings(
        REDIS_URL=url, CACHES={"default": backend}, SESSION_ENGINE="django.contrib.sessions.backends.cached_db"
    ):
        caches["default"].close()
        yield
    caches["default"].close()


def test_cache_without_redis_reads_nothing_and_keeps_nothing(redis_away):
    cache = caches["default"]
    cache.set("greeting", "hallo")
    assert cache.get("greeting", "nothing") == "nothing"
    assert cache.get_many(["greeting"]) == {}
    assert cache.add("greeting", "hallo") is False
    cache.delete("greeting")


def test_session_made_while_redis_is_away_is_kept_in_the_database(redis_away, settings):
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    session = store_class()
    session["typed"] = "kept"
    session.save()
    assert store_class(session.session_key)["typed"] == "kept"


def test_login_works_while_redis_is_away(redis_away, client, therapist):
    response = client.post("/auth/login/", {"username": therapist.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert client.get(response.url, follow=True).status_code == 200


def test_health_check_reports_redis_degraded_not_down(redis_away, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.text == "database: ok\nredis: degraded\n"
