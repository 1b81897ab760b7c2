"""bench/run: the portal measured at demo and at national scale, side by side, in one run (#15 item 4).

For every page: its queries (in-process, Django's test client), and under load (gunicorn with 2 sync
workers, wrk -t2 -c8) its throughput, p50 and p99 and the server's own CPU per request, read from
/proc of the gunicorn workers so that the load generator's share of the two cores does not count.
The health endpoint and a reference page of 50 ORM rows are measured in the same run as units. Then
PDF times against WeasyPrint's own time for the same number of pages, the daily jobs at 1× and 10×
national data, and the workers' memory after the run. A markdown table goes to bench/results/.

A benchmark, not a test: it reports; nothing fails. Needs PostgreSQL (DATABASE_URL, default the
local server's tym_bench, which it drops and makes again) and Debian's wrk.

A reduced run, for a quick look (the table says it was reduced): BENCH_PAGES names the rows to measure
(comma-separated, e.g. "health,overhead,front page"), BENCH_COOPERATIONS the national data's size
(default 50, over BENCH_YEARS, default 10), BENCH_SECONDS each page's wrk run (default 5)."""

from __future__ import annotations

import datetime
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tym_bench")
os.environ["DATABASE_URL"] = DATABASE
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
# As deployed (docker-compose.yml): the cache in Redis, so sessions are read from it. Without Redis the
# portal runs on its embedded defaults, and each page makes one query more (the session).
CACHE = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/3")
PORT = int(os.environ.get("BENCH_PORT", "8791"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
TICKS = os.sysconf("SC_CLK_TCK")
COOPERATIONS = int(os.environ.get("BENCH_COOPERATIONS", "50"))
YEARS = int(os.environ.get("BENCH_YEARS", "10"))
SELECTED = [name.strip() for name in os.environ.get("BENCH_PAGES", "").split(",") if name.strip()]
OVERHEAD = "overhead (empty page)"
TODAY = datetime.datetime.now(tz=datetime.UTC).date().isoformat()


def sh(*command: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


def fresh_database() -> None:
    name = DATABASE.rsplit("/", 1)[1]
    sh("dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name)
    sh("createdb", "-h", "127.0.0.1", "-U", "postgres", name)


def manage(*args: str) -> None:
    sh(str(ROOT / ".venv/bin/python"), str(ROOT / "manage.py"), *args, cwd=ROOT)


def setup_django():
    import django

    django.setup()


def session_for_secretary() -> str:
    """A logged-in, second-factor-verified session of a national administrator."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from organisations import access

    user, _ = get_user_model().objects.get_or_create(username="bench-secretary")
    user.set_password("bench")
    user.save()
    access.make_secretary(user)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store["otp_device_id"] = device.persistent_id
    store.create()
    return store.session_key


def pages() -> dict[str, str]:
    from agreements.models import Agreement
    from decisions.models import AgendaItem
    from governance.models import SteeringGroup
    from organisations.models import Cooperation

    cooperation = Cooperation.objects.get(areas__code="etela-keski-suomi")
    group = SteeringGroup.objects.get(cooperation=cooperation)
    item = AgendaItem.objects.get(year=2025, number=16, body__area__cooperation=cooperation)
    agreement = Agreement.objects.get(cooperation=cooperation)
    return {
        "health": "/healthz/",
        # A logged-in request's own cost: the middleware, the session, the second factor, the rights, the log.
        OVERHEAD: "/bench/empty/",
        "reference (50 rows)": "/bench/reference/",
        # The demo's cooperation chosen: over five cooperations, an administrator chooses whose work the
        # page gathers, so at national scale it gathers the same one cooperation's as at demo scale.
        "front page": f"/?cooperation={cooperation.code}",
        "cooperation": f"/cooperations/{cooperation.code}/",
        "area": "/areas/etela-keski-suomi/",
        "steering group": f"/groups/{group.pk}/",
        "decision": f"/decisions/{item.pk}/",
        "meeting": f"/meetings/{item.meeting_id}/",
        "agreement": f"/agreements/{agreement.pk}/",
        "year (objectives, staffing)": f"/groups/{group.pk}/year/2025/",
        "costs": f"/groups/{group.pk}/costs/",
        "decisions list": "/decisions/",
        "meetings list": "/meetings/",
        "agreements list": "/agreements/",
        "seats list": "/seats/",
        "notifications": "/notifications/",
        "API decisions": "/api/v1/decisions/",
        "API groups": "/api/v1/groups/",
        "PDF minutes": f"/meetings/{item.meeting_id}/minutes.pdf",
        "PDF agreement": f"/agreements/{agreement.pk}/agreement.pdf",
    }


def overhead_in_process(session: str, url: str, rounds: int = 500) -> tuple[float, list[str]]:
    """A logged-in request's own CPU ms in process (time.process_time around Django's test client: no
    load generator, no PostgreSQL server) and the tables its queries read, in order."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = session
    for _ in range(20):  # warm
        client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    tables = [re.search(r'(?:FROM|INTO) "(\w+)"', q["sql"]) for q in captured.captured_queries]
    named = [
        m.group(1) if m else q["sql"][:20] for m, q in zip(tables, captured.captured_queries, strict=True)
    ]
    started = time.process_time()
    for _ in range(rounds):
        client.get(url)
    return (time.process_time() - started) * 1000 / rounds, named


def query_counts(session: str, urls: dict[str, str]) -> dict[str, int]:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = session
    counts = {}
    for name, url in urls.items():
        client.get(url)  # warm
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        counts[name] = len(captured) if response.status_code == 200 else -response.status_code
    return counts


class Server:
    def __init__(self) -> None:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
        self.process = subprocess.Popen(
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "tym.wsgi",
                "-w",
                "2",
                "-k",
                "sync",
                "-b",
                f"127.0.0.1:{PORT}",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                sh("curl", "-fs", "-o", "/dev/null", f"http://127.0.0.1:{PORT}/healthz/")
                return
            except subprocess.CalledProcessError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def workers(self) -> list[int]:
        found = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True)
        return [int(pid) for pid in found.stdout.split()]

    def cpu_ticks(self) -> int:
        total = 0
        for pid in self.workers():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total

    def memory_mb(self) -> float:
        sizes = []
        for pid in self.workers():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return max(sizes, default=0.0)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGQUIT)  # quick shutdown: a slow page's queue is not served
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def load(server: Server, session: str, url: str, seconds: int = SECONDS) -> dict[str, float]:
    before = server.cpu_ticks()
    out = sh(
        "wrk",
        "-t2",
        "-c8",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "--latency",
        "-H",
        f"Cookie: sessionid={session}",
        f"http://127.0.0.1:{PORT}{url}",
    ).stdout
    spent = server.cpu_ticks() - before
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)

    def ms(label: str) -> float:
        match = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)", out, re.M)
        if not match:
            return float("nan")
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": ms("50%"),
        "p99": ms("99%"),
        "cpu_ms": spent * 1000 / TICKS / max(requests, 1),
        "requests": requests,
        "errors": int(errors.group(1)) if errors else 0,
    }


def weasyprint_ms(pages: int) -> float:
    """WeasyPrint's own time for a plain document of PAGES A4 pages (the PDFs' reference)."""
    from weasyprint import HTML

    html = "".join(
        f"<section style='page-break-after: always'><h1>Sivu {n}</h1>{'<p>Teksti. ' * 40}</section>"
        for n in range(pages)
    )
    HTML(string=html).write_pdf()  # warm the fonts
    times = []
    for _ in range(3):  # the least of three: one run is at the mercy of the other processes
        started = time.process_time()
        HTML(string=html).write_pdf()
        times.append(time.process_time() - started)
    return min(times) * 1000


def pdf_in_process(client, url: str) -> tuple[float, float]:
    """In-process CPU ms of the whole PDF request and of WeasyPrint's share of it (its layout and
    writing of this very document): what the app adds to WeasyPrint's own work."""
    from weasyprint import HTML

    spent = [0.0]
    original = HTML.write_pdf

    def timed(self, *args, **kwargs):
        started = time.process_time()
        try:
            return original(self, *args, **kwargs)
        finally:
            spent[0] += time.process_time() - started

    HTML.write_pdf = timed
    try:
        client.get(url)  # warm: fonts, templates
        runs = []
        for _ in range(3):  # the run with the least whole time, with its WeasyPrint share
            spent[0] = 0.0
            started = time.process_time()
            client.get(url)
            runs.append((time.process_time() - started, spent[0]))
    finally:
        HTML.write_pdf = original
    whole, weasyprint = min(runs)
    return whole * 1000, weasyprint * 1000


def daily_jobs_seconds() -> tuple[float, float]:
    """The daily jobs' wall time on the first run after the data came (every reminder of it made at
    once) and on a second run the same day, as every other day is (each reminder already made)."""
    from django.utils import timezone

    from core import jobs

    runs = []
    for _ in range(2):
        started = time.perf_counter()
        jobs.run_daily(timezone.localdate())
        runs.append(time.perf_counter() - started)
    return runs[0], runs[1]


def redis_is_up(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except Exception:
        return False


def main() -> None:
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    cache = "Redis (sessions read from it)" if redis_is_up(CACHE) else "none (sessions from the database)"
    if cache.startswith("Redis"):
        import redis

        redis.Redis.from_url(CACHE).flushdb()  # the previous run's database is gone: so are its sessions
        os.environ["CACHE_URL"] = CACHE
    fresh_database()
    manage("migrate", "--no-input", "-v0")
    manage("load_demo", "-v0")
    setup_django()
    from django.core.management import call_command

    session = session_for_secretary()
    urls = pages()
    if SELECTED:
        urls = {name: url for name, url in urls.items() if name in SELECTED or name.split(" ")[0] in SELECTED}
    rows: dict[str, dict] = {name: {} for name in urls}
    overhead: dict[str, tuple[float, list[str]]] = {}
    daily = {"demo": daily_jobs_seconds()}

    for scale in ("demo", "national"):
        if scale == "national":
            first = max(1, COOPERATIONS // 10)
            call_command("generate_national_data", cooperations=first, years=YEARS, verbosity=0)
            daily["1×"] = daily_jobs_seconds()
            call_command(
                "generate_national_data", cooperations=COOPERATIONS - first, years=YEARS, verbosity=0
            )
            daily["10×"] = daily_jobs_seconds()
        counts = query_counts(session, urls)
        overhead[scale] = overhead_in_process(session, "/bench/empty/")
        for name, url in urls.items():
            # A server of its own for each page: a slow page's queued requests never spill into the next.
            print(f"{scale}: {name}", file=sys.stderr, flush=True)
            server = Server()
            try:
                rows[name][f"queries {scale}"] = counts[name]
                rows[name][scale] = load(server, session, url)
                rows[name][f"memory {scale}"] = server.memory_mb()
            finally:
                server.stop()
    # Deployed, PDFs have their own gunicorn workers (deploy/Caddyfile): the web workers' memory is
    # every other page's.
    memory = max(
        (row["memory national"] for name, row in rows.items() if not name.startswith("PDF")), default=0
    )
    pdf_memory = max(
        (row["memory national"] for name, row in rows.items() if name.startswith("PDF")), default=0
    )

    health = (rows["health"]["national"]["cpu_ms"] if "health" in rows else float("nan")) or 1e-9
    reduced = []
    if SELECTED:
        reduced.append(f"only the rows {', '.join(urls)}")
    if (COOPERATIONS, YEARS) != (50, 10):
        reduced.append(f"national data of {COOPERATIONS} cooperations over {YEARS} years, not 50 over 10")
    if SECONDS != 5:
        reduced.append(f"{SECONDS} s of wrk a page, not 5")
    lines = [
        f"# Benchmark {TODAY}",
        "",
        f"gunicorn 2 sync workers, wrk -t2 -c8 -d{SECONDS}s, PostgreSQL, cache: {cache}; as a national "
        "administrator.",
        "Server CPU ms per request from /proc of the workers; budget: 10× the health endpoint's.",
        f"Demo: the first real case. National: plus {COOPERATIONS} cooperations over {YEARS} years "
        "(generate_national_data).",
        *([f"**A reduced run**: {'; '.join(reduced)}."] if reduced else []),
        "",
        "| page | queries demo / national | req/s demo / national | p99 ms demo / national "
        "| CPU ms/req demo / national | × health (national) | worker MB after n requests (national) | errs |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, row in rows.items():
        d, n = row["demo"], row["national"]
        lines.append(
            f"| {name} | {row['queries demo']} / {row['queries national']} | {d['rps']:.0f} / {n['rps']:.0f} "
            f"| {d['p99']:.0f} / {n['p99']:.0f} | {d['cpu_ms']:.1f} / {n['cpu_ms']:.1f} "
            f"| {n['cpu_ms'] / health:.1f} | {row['memory national']:.0f} after {n['requests']} "
            f"| {d['errors'] + n['errors']} |"
        )
    lines += [""]
    for scale, (cpu, named) in overhead.items():
        lines.append(
            f"A logged-in request's own overhead ({OVERHEAD}, {scale}), in process: {cpu:.2f} ms CPU, "
            f"{len(named)} queries ({', '.join(named) or 'none'}); budget 3 ms and 4 queries (the row above: "
            "the same page in gunicorn)."
        )
    pdfs = [name for name in ("PDF minutes", "PDF agreement") if name in rows]
    lines += [
        "",
        "| PDF | server CPU ms/req | WeasyPrint, plain text of the same pages | ratio (budget 1.5) "
        "| in process: whole request / WeasyPrint on this document | ratio |",
        "|---|---|---|---|---|---|",
    ]
    from django.test import Client

    client = Client()
    client.cookies["sessionid"] = session
    for name in pdfs:
        import io

        from pypdf import PdfReader

        count = len(PdfReader(io.BytesIO(client.get(urls[name]).content)).pages)
        alone = weasyprint_ms(count)
        server_ms = rows[name]["national"]["cpu_ms"]
        whole, weasyprint = pdf_in_process(client, urls[name])
        lines.append(
            f"| {name} ({count} pages) | {server_ms:.0f} | {alone:.0f} | {server_ms / alone:.2f} "
            f"| {whole:.0f} / {weasyprint:.0f} | {whole / weasyprint:.2f} |"
        )
    lines += [
        "",
        "Daily jobs, first run after the data came / a day like any other (each reminder already made): "
        f"demo {daily['demo'][0]:.2f} / {daily['demo'][1]:.2f} s; "
        f"{max(1, COOPERATIONS // 10)} cooperations × {YEARS} years (1×) {daily['1×'][0]:.2f} / "
        f"{daily['1×'][1]:.2f} s; {COOPERATIONS} × {YEARS} (10×) "
        f"{daily['10×'][0]:.2f} / "
        f"{daily['10×'][1]:.2f} s; ratio 10× to 1× {daily['10×'][0] / daily['1×'][0]:.1f} / "
        f"{daily['10×'][1] / daily['1×'][1]:.1f} (budget: under 2 s, linear).",
        f"Largest web worker's memory after a page's run, national scale: {memory:.0f} MB (budget 150 MB); "
        f"the PDF workers (their own pool when deployed): {pdf_memory:.0f} MB.",
    ]
    report = "\n".join(lines) + "\n"
    target = ROOT / "bench" / "results" / f"{TODAY}.md"
    target.write_text(report)
    print(report)
    print(f"Written to {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
