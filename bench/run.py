"""Load-test the main pages on the large demo data set and compare each with a reference view.

Run through `make bench`: it seeds PostgreSQL with `seed_demo --patients 10000` (once), starts
gunicorn with production settings and a connection pool, and drives each page with wrk at 16
concurrent connections, logged in as the role that uses the page, right after a run of the reference
view it is judged against. The table is printed and written to bench/results.md.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import urllib.request
from importlib import import_module
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
BENCH_SECRET_KEY = "benchmark-only-secret-key-that-is-long-enough-for-django-0123456789abcdef"
TARGET_RATIO = 0.5
TARGET_P99_MS = 50.0  # for one user alone
TARGET_P99_FACTOR = 2  # under load, against the reference's p99
SETTLE_SECONDS = 1
# Pages with a target of their own in the issues that set them: a document or a year's report is judged by
# how long one user waits for it (p99 alone, warm), not against a 50-row page.
OWN_TARGETS_MS = {
    "portal program PDF": 300,
    "quality report, practice": 1000,
    "quality report, own caseload": 1000,
}


def production_env(**extra):
    """Return the environment of a production-like app server for this benchmark."""
    return {
        **os.environ,
        "DEBUG": "",
        "SECRET_KEY": BENCH_SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_POOL": "1",
        "DATABASE_PREPARED_STATEMENTS": "1",
        "BENCHMARK_REFERENCE_VIEW": "1",
        **extra,
    }


def manage(*args, env):
    subprocess.run([sys.executable, "manage.py", *args], cwd=PROJECT_DIR, env=env, check=True)


def ensure_database(url):
    """Create the benchmark database when it does not exist yet."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def prepare_database(patients, env):
    """Migrate and seed once; a database that already holds the data set is reused."""
    ensure_database(env["DATABASE_URL"])
    manage("migrate", "--no-input", "-v0", env=env)
    import django

    django.setup()
    from patients.models import Patient

    if Patient.objects.count() < patients:
        started = time.monotonic()
        manage("seed_demo", "--patients", str(patients), env={**env, "DEBUG": "1"})
        print(f"seeded in {time.monotonic() - started:.1f} s")
    vacuum(env["DATABASE_URL"])


def vacuum(url):
    """Bring the visibility map and the planner statistics up to date, as autovacuum keeps them in production.

    Without it (this machine's PostgreSQL runs with autovacuum off) an index-only scan still visits every
    row, and the access log that the previous run filled is planned as if it were empty.
    """
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def analyze_access_log(url):
    """Refresh the statistics of the access log, which every page under load makes grow by thousands of rows.

    In production autovacuum does this as the log grows; with it off, the planner would still think the
    log as small as at the start and sort the practice's whole log for the access-log page.
    """
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("ANALYZE clinic_accesslogentry")


def session_cookie(user):
    """Create a logged-in session for the user directly in the session store."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils import timezone

    from clinic.security import AUTHENTICATED_AT_SESSION_KEY, LAST_SEEN_SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "clinic.security.AccountBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    for key, value in getattr(user, "bench_session_extra", {}).items():
        store[key] = value
    # Logged in just now, not when the user was read at the start of the run: the idle timeout counts from here.
    store[AUTHENTICATED_AT_SESSION_KEY] = store[LAST_SEEN_SESSION_KEY] = timezone.now().timestamp()
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def pages():
    """Return (name, user, path) for every page under test, on the large data set."""
    from bench.pages import main_pages

    return main_pages()


def wanted(name, words):
    """Whether `--only` picks this page (every page without `--only`)."""
    return not words or any(word in name for word in words)


def start_server(env, port, workers):
    command = [
        sys.executable, "-m", "gunicorn", "clinic.wsgi",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--access-logfile", "-", "--log-level", "warning",
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=PROJECT_DIR, env=env, stdout=subprocess.DEVNULL)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("gunicorn did not start")


def check_page(port, path, cookie):
    """Fail early when a page does not answer 200 for its user (a benchmark of a redirect is worthless)."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=10) as response:
        if response.status != 200 or response.geturl() != f"http://127.0.0.1:{port}{path}":
            raise RuntimeError(f"{path} answered {response.status} at {response.geturl()}")


def run_wrk(port, path, cookie, duration, connections):
    command = [
        "wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{duration}s", "--timeout", "5s",
        "-s", str(PROJECT_DIR / "bench" / "report.lua"), "-H", f"Cookie: {cookie}",
        f"http://127.0.0.1:{port}{path}",
    ]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def settle(port, path, cookie):
    """Let the server finish what the loaded run left behind before one user alone is measured.

    When wrk stops, the requests its connections had queued are still served; without this pause the first
    requests of the single user wait behind them, and that queue, not the page, sets their p99.
    """
    time.sleep(SETTLE_SECONDS)
    run_wrk(port, path, cookie, 1, 1)


def format_table(rows):
    """One row per page: under load beside the reference run just before it, and for one user alone.

    Each page is judged against the reference measured right before it, so that the machine's speed drifting over
    the run (other work on a shared host, the access log growing by the requests of every page) cancels out.
    """
    lines = [
        "| page | req/s | p50 ms | p99 ms | errors | reference req/s, p99 ms | × reference | p99 ≤ 2 × ref "
        "| p99 alone ms | meets targets |",
        "|---|---:|---:|---:|---:|---:|---:|---|---:|---|",
    ]
    for name, loaded, alone, reference in rows:
        ratio = loaded["rps"] / reference["rps"]
        p99_ok = loaded["p99"] <= TARGET_P99_FACTOR * reference["p99"]
        errors = loaded["errors"] + alone["errors"]
        if name in OWN_TARGETS_MS:
            ok = alone["p99"] < OWN_TARGETS_MS[name] and errors == 0
            name = f"{name} (own target: p99 alone < {OWN_TARGETS_MS[name]} ms)"
        else:
            ok = ratio >= TARGET_RATIO and p99_ok and alone["p99"] < TARGET_P99_MS and errors == 0
        lines.append(
            f"| {name} | {loaded['rps']:.0f} | {loaded['p50']:.1f} | {loaded['p99']:.1f} | {errors} "
            f"| {reference['rps']:.0f}, {reference['p99']:.1f} | {ratio:.2f} "
            f"| {'yes' if p99_ok else 'no'} | {alone['p99']:.1f} | {'yes' if ok else 'NO'} |"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=10000)
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of unmeasured load per page before it")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--alone-duration", type=int, default=5, help="seconds of one user alone per page")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--output", default=str(PROJECT_DIR / "bench" / "results.md"))
    parser.add_argument("--profile-only", action="store_true", help="only profile the pages (queries, EXPLAIN)")
    parser.add_argument("--only", nargs="*", default=[], help="only the pages whose names contain one of these words")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("make bench needs DATABASE_URL pointing at PostgreSQL.")

    with tempfile.TemporaryDirectory() as static_root:
        env = production_env(STATIC_ROOT=static_root)
        os.environ.update({key: value for key, value in env.items() if key not in ("DEBUG",)})
        os.environ["DJANGO_SETTINGS_MODULE"] = "clinic.settings"
        sys.path.insert(0, str(PROJECT_DIR))
        prepare_database(args.patients, env)
        manage("collectstatic", "--no-input", "-v0", env=env)

        from bench.explain import profile_pages

        chosen = [page for page in pages() if page[0] == "reference" or wanted(page[0], args.only)]
        cookies = [(name, path, session_cookie(user)) for name, user, path in chosen]
        offenders = profile_pages([(name, path, cookie.split("=", 1)[1]) for name, path, cookie in cookies])
        users = {name: user for name, user, _path in chosen}
        if offenders:
            sys.exit(f"sequential scans of large tables on: {', '.join(offenders)}")
        if args.profile_only:
            return
        server = start_server(env, args.port, args.workers)
        reference_path = next(path for name, path, _cookie in cookies if name == "reference")
        try:
            rows = []
            for name, path, _cookie in cookies:
                # Fresh sessions for each page: one made at the start would pass its idle timeout before a late page.
                cookie, reference_cookie = session_cookie(users[name]), session_cookie(users["reference"])
                analyze_access_log(env["DATABASE_URL"])
                check_page(args.port, path, cookie)
                reference = None
                if name != "reference":
                    settle(args.port, reference_path, reference_cookie)
                    reference = run_wrk(args.port, reference_path, reference_cookie, args.duration, args.connections)
                    settle(args.port, path, cookie)
                # Every worker has compiled the page's templates and filled its caches before the measured run.
                run_wrk(args.port, path, cookie, args.warmup, args.connections)
                loaded = run_wrk(args.port, path, cookie, args.duration, args.connections)
                settle(args.port, path, cookie)
                alone = run_wrk(args.port, path, cookie, args.alone_duration, 1)
                rows.append((name, loaded, alone, reference or loaded))
                print(f"{name:<28} {loaded} alone p99 {alone['p99']} ms; reference beside it {reference}")
        finally:
            server.terminate()
            server.wait(timeout=10)

    table = format_table(rows)
    references = sorted(reference["rps"] for name, _loaded, _alone, reference in rows if name != "reference")
    header = (
        f"Benchmark of {time.strftime('%Y-%m-%d %H:%M %Z')} on {platform.node()} "
        f"({os.cpu_count()} cores, {platform.processor() or platform.machine()}, Python {platform.python_version()}): "
        f"{args.patients} patients, gunicorn {args.workers} workers, wrk {args.connections} connections "
        f"× {args.duration} s per page after {args.warmup} s of warm-up, "
        f"then one connection × {args.alone_duration} s. "
        f"Targets: ≥ {TARGET_RATIO} × the reference's req/s and p99 ≤ {TARGET_P99_FACTOR} × its p99 at "
        f"{args.connections} connections, p99 < {TARGET_P99_MS:.0f} ms for one user alone, 0 errors. "
        f"The reference runs again right before each page, and the page is judged against that run"
        + (f" (its req/s ranged {references[0]:.0f}–{references[-1]:.0f} over this run)." if references else ".")
    )
    Path(args.output).write_text(f"{header}\n\n{table}\n")
    print(f"\n{header}\n\n{table}")


if __name__ == "__main__":
    main()
