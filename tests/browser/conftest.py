"""Real Chromium (Playwright) against pytest-django's live server.

Every page a test visits is checked with axe-core (WCAG 2.0/2.1/2.2 A and AA) through `pages.visit()` and
`pages.navigation()`, and the `page` fixture fails a test that caused a console error, an uncaught
exception, a failed request or a 4xx/5xx sub-resource (a missing static file, a CSP violation).
"""

from pathlib import Path

import django.conf
import pytest
from django.test.utils import override_settings

from ..conftest import XDIST_WORKER, need
from . import pages
from .pages import LIVE_SERVER_ADDRESS

# Debian's Chromium as its headless shell (package chromium-headless-shell, the same build as `chromium`):
# the browser without its windowing layers, as Playwright itself runs headless tests. It renders the same
# pages with the same Blink and V8 for about 30% less CPU than the full browser in headless mode.
CHROMIUM = "/usr/lib/chromium/chromium-headless-shell"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# The live server is plain http: production's secure cookies, HTTPS redirect and HSTS would stop it working.
PLAIN_HTTP = {
    "SESSION_COOKIE_SECURE": False,
    "CSRF_COOKIE_SECURE": False,
    "SECURE_SSL_REDIRECT": False,
    "SECURE_HSTS_SECONDS": 0,
}


@pytest.fixture(scope="package", autouse=True)
def _allow_orm_beside_playwright():
    """Playwright's sync API runs an event loop in this thread; the ORM in the test thread would otherwise
    raise SynchronousOnlyOperation. Only while these tests run: set for the whole session, it would leak
    into other tests' subprocesses (`manage.py check --deploy` rejects it, async.E001)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="package")
def _plain_http():
    """Set before the live server starts: SecurityMiddleware reads SECURE_SSL_REDIRECT once, when the live
    server's handler is built, so the function-scoped `settings` fixture would be too late for it."""
    with override_settings(**PLAIN_HTTP):
        yield


@pytest.fixture(scope="package")
def live_server(_plain_http, django_db_setup):
    """pytest-django's live server. With the manifest storage (DEBUG off) static files are served by the
    app's own WhiteNoise middleware, since Django's finder-based handler cannot serve the hashed names;
    in development the finder-based handler serves them straight from static/."""
    from pytest_django.live_server_helper import LiveServer

    storage = django.conf.settings.STORAGES["staticfiles"]["BACKEND"]
    if "Manifest" in storage:
        manifest = Path(django.conf.settings.STATIC_ROOT) / "staticfiles.json"
        if not manifest.exists():
            pytest.fail(f"No {manifest}: run `manage.py collectstatic --no-input` first (make test does)")
    server = LiveServer(LIVE_SERVER_ADDRESS, start=False)
    if "Manifest" in storage:
        server.thread.static_handler = lambda application: application  # WhiteNoise serves /static/
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _http_cookies(settings, no_throttle):
    """Plain-http cookies per test too (read on every response), and no sign-in throttling (django-axes)."""
    for name, value in PLAIN_HTTP.items():
        setattr(settings, name, value)


@pytest.fixture(scope="package", autouse=True)
def _axe_shapes_shared(tmp_path_factory):
    """axe's checked shapes shared by this run's xdist workers, in the run's own temporary folder (the parent
    of each worker's; pytest removes old runs' folders): each shape is checked once per run, not once per
    worker."""
    root = tmp_path_factory.getbasetemp()
    pages.shared_shapes_file = (root.parent if XDIST_WORKER else root) / "axe-checked-shapes.txt"
    yield
    pages.shared_shapes_file = None


@pytest.fixture(scope="package")
def browser(_allow_orm_beside_playwright, django_db_setup):
    """Chromium for this package's tests. Started after the test database exists: creating it from inside
    Playwright's event loop would be refused."""
    need(Path(CHROMIUM).exists(), "Chromium's headless shell (apt-get install chromium-headless-shell)")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    playwright.stop()


def _watch(page, problems: list[str]):
    def console(message):
        # Chromium logs "Failed to load resource" for every 4xx page, expected ones (403, 409) included;
        # failing sub-resources are caught from their responses below.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problems.append(f"console error on {page.url}: {message.text}")

    def response(response):
        request = response.request
        if response.status >= 500 or (response.status >= 400 and request.resource_type != "document"):
            problems.append(
                f"{response.status} for {request.method} {response.url} ({request.resource_type})"
            )

    def request_failed(request):
        failure = request.failure or ""
        if "ERR_ABORTED" in failure and request.resource_type in ("fetch", "xhr"):
            return  # a background request cut short by a navigation (e.g. the session check)
        problems.append(
            f"request failed: {request.method} {request.url} ({request.resource_type}): {failure}"
        )

    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(f"uncaught exception on {page.url}: {error}"))
    page.on("response", response)
    page.on("requestfailed", request_failed)


@pytest.fixture
def new_page(browser, live_server):
    """Make a page in a fresh browser context (its own cookies: another person). Fails the test at teardown
    if any page had a console error, an uncaught exception or a failed request."""
    contexts = []
    problems: list[str] = []

    def make():
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        _watch(page, problems)
        return page

    yield make
    for context in contexts:
        context.close()
    if problems:
        pytest.fail("The browser reported problems:\n" + "\n".join(f"- {p}" for p in problems), pytrace=False)


@pytest.fixture
def page(new_page):
    return new_page()
