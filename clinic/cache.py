"""Redis is a cache, not a vault: while it cannot be reached, a read finds nothing and a write keeps nothing.

Whatever the app keeps in the cache can be rebuilt or lives in the database as well (sessions are
`cached_db`: the database holds them, Redis in front only saves a query), so a Redis outage, or a
Redis that lost its data, costs speed and never a login, a typed form or a 500 page.
"""

import functools
import logging

import redis
from django.conf import settings
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

REDIS_DOWN = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


def _or_when_down(fallback):
    """Wrap a client method so that an unreachable Redis gives `fallback(*args)` instead of an exception."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args):
            try:
                return method(self, *args)
            except REDIS_DOWN as error:
                logger.warning("Redis unavailable, cache %s skipped: %s", method.__name__, error)
                return fallback(*args)

        return wrapper

    return decorate


class DegradingRedisCacheClient(RedisCacheClient):
    add = _or_when_down(lambda key, value, timeout: False)(RedisCacheClient.add)
    get = _or_when_down(lambda key, default: default)(RedisCacheClient.get)
    set = _or_when_down(lambda key, value, timeout: None)(RedisCacheClient.set)
    touch = _or_when_down(lambda key, timeout: False)(RedisCacheClient.touch)
    delete = _or_when_down(lambda key: False)(RedisCacheClient.delete)
    get_many = _or_when_down(lambda keys: {})(RedisCacheClient.get_many)
    has_key = _or_when_down(lambda key: False)(RedisCacheClient.has_key)
    set_many = _or_when_down(lambda data, timeout: None)(RedisCacheClient.set_many)
    delete_many = _or_when_down(lambda keys: None)(RedisCacheClient.delete_many)
    clear = _or_when_down(lambda: False)(RedisCacheClient.clear)


class DegradingRedisCache(RedisCache):
    """Django's Redis cache whose every read and write survives Redis being away."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = DegradingRedisCacheClient


def redis_status() -> str | None:
    """Return "ok" or "degraded" for the configured Redis, None when the app runs without one."""
    if not settings.REDIS_URL:
        return None
    client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=0.5, socket_timeout=0.5)
    try:
        client.ping()
    except REDIS_DOWN:
        return "degraded"
    finally:
        client.close()
    return "ok"
