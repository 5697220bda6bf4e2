"""Real app servers (gunicorn, production settings) against the test database and Redis."""

import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from tests.live.servers import free_port

PROJECT_DIR = Path(__file__).resolve().parents[2]
LIVE_SECRET_KEY = "live-test-secret-key-shared-by-every-app-server-of-this-run-0123456789"


def database_url():
    settings = connection.settings_dict
    if settings["ENGINE"] != "django.db.backends.postgresql":
        pytest.fail("Live-server tests need PostgreSQL: set DATABASE_URL (make test-live does).")
    user, host, port = settings["USER"], settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """Collect the static files once, as a production deployment would."""
    root = tmp_path_factory.mktemp("static")
    env = {**os.environ, "SECRET_KEY": LIVE_SECRET_KEY, "STATIC_ROOT": str(root), "DEBUG": ""}
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=PROJECT_DIR, env=env, check=True
    )
    return root


def launch_app_server(env, *, workers=1):
    """Start gunicorn with production settings and `env`; return the process and its base URL once it answers."""
    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "",
        "SECRET_KEY": LIVE_SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        **env,
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "clinic.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
    ]
    # The server's log goes to a file: a pipe nobody reads fills up and then blocks the server mid-request.
    log = tempfile.TemporaryFile()  # noqa: SIM115 (open as long as the server runs)
    process = subprocess.Popen(command, cwd=PROJECT_DIR, env=env, stderr=log)
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base_url + "/healthz", timeout=1)
            return process, base_url
        except OSError:
            if process.poll() is not None:
                log.seek(0)
                raise RuntimeError(log.read().decode()) from None
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError(f"app server on port {port} did not start")


def stop_app_server(process):
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def start_app_server(transactional_db, static_root):
    """Return a function that starts one gunicorn app server and gives its base URL."""
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        pytest.fail("Live-server tests need Redis: set REDIS_URL (make test-live does).")
    processes = []

    def start():
        env = {"DATABASE_URL": database_url(), "REDIS_URL": redis_url, "STATIC_ROOT": str(static_root)}
        process, base_url = launch_app_server(env)
        processes.append(process)
        return base_url

    yield start
    for process in processes:
        stop_app_server(process)
