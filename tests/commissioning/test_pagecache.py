"""The page cache (commissioning.pagecache): a signed-in page is served as rendered while the council's data,
the session and the day are as they were; any committed write of the data, however made, renders it afresh.

These tests commit (transaction=True): inside a test's transaction the cache stands aside, as it does inside
any transaction, since a write is only counted when it commits.
"""

import datetime

import pytest
from django.contrib import messages
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from api.models import ApiToken
from commissioning import outbox, pagecache, roles
from commissioning.middleware import LAST_SEEN
from commissioning.models import Directorate
from strategies.models import Strategy
from tests import factories

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("on_postgres")]

# The pages marked @cached_page, each as the commissioner who owns the strategy (in Do: a plan, a KPI) reads it.
PAGES = {
    "dashboard": lambda s: reverse("home"),
    "strategy list": lambda s: reverse("strategies:list") + "?q=children",
    "strategy page": lambda s: reverse("strategies:detail", args=[s.pk]),
    "strategy history": lambda s: reverse("strategies:history", args=[s.pk]),
    "plan page": lambda s: reverse("plans:detail", args=[s.plans.get().pk]),
    "plan history": lambda s: reverse("plans:history", args=[s.plans.get().pk]),
    "programme": lambda s: reverse("gateway:programme"),
    "forward plan": lambda s: reverse("gateway:forward-plan") + "?months=12",
    "overlap finder": lambda s: reverse("gateway:overlaps"),
    "highlight report": lambda s: reverse("delivery:highlight"),
    "strategy's highlight report": lambda s: reverse("delivery:strategy-highlight", args=[s.pk]),
    "KPI page": lambda s: reverse("delivery:kpi", args=[s.kpis.get().pk]),
    "approvals waiting": lambda s: reverse("members:waiting-on"),
    "strategy approvals": lambda s: reverse("members:strategy-approvals", args=[s.pk]),
    "scrutiny work programme": lambda s: reverse("members:referred"),
    "councillors": lambda s: reverse("members:councillors"),
    "meetings": lambda s: reverse("meetings:meetings"),
}


@pytest.fixture(autouse=True)
def _empty_cache():
    caches["pages"].clear()
    yield
    caches["pages"].clear()


@pytest.fixture
def strategy(commissioner):
    return factories.strategy(commissioner=commissioner, title="Children are safe and healthy")


def signed_in(user) -> Client:
    """A browser: signed in, and holding the CSRF cookie its first page set (as every later request has)."""
    client = Client()
    client.force_login(user)
    assert client.get(reverse("home")).status_code == 200
    assert "csrftoken" in client.cookies
    return client


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(captured)


def test_the_generation_counts_each_committed_write_however_made(commissioner, strategy):
    start = pagecache.generation()
    Directorate.objects.create(name="Adults")  # the ORM
    assert pagecache.generation() == start + 1
    Strategy.objects.filter(pk=strategy.pk).update(title="Renamed")  # a queryset's update, no signals
    with connection.cursor() as cursor:  # raw SQL
        cursor.execute("UPDATE commissioning_directorate SET name = 'Adult care' WHERE name = 'Adults'")
    assert pagecache.generation() == start + 3
    with transaction.atomic():  # one transaction of several writes counts once
        Directorate.objects.create(name="Children")
        Directorate.objects.filter(name="Children").delete()
    assert pagecache.generation() == start + 4
    with pytest.raises(RuntimeError), transaction.atomic():  # rolled back: nothing changed
        Directorate.objects.create(name="Never")
        raise RuntimeError
    assert pagecache.generation() == start + 4


def test_what_changes_no_page_is_not_counted(commissioner):
    client = signed_in(commissioner)
    start = pagecache.generation()
    session = client.session
    session[LAST_SEEN] = 1.0
    session.save()  # the session's activity stamp: written every 30 s as people work
    assert Session.objects.filter(session_key=session.session_key).exists()
    assert pagecache.generation() == start
    token, _ = ApiToken.issue(commissioner, "Reporting")
    start = pagecache.generation()
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())  # a program calling the API
    assert pagecache.generation() == start


def test_every_table_but_the_uncounted_records_its_writes(db):
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema() AND NOT EXISTS
               (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = %s)""",
            [pagecache.TRIGGER],
        )
        untracked = {row[0] for row in cursor.fetchall()}
    assert untracked <= pagecache.NOT_COUNTED
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = %s", [pagecache.TRIGGER]
        )
        assert not {row[0].strip('"') for row in cursor.fetchall()} & pagecache.NOT_COUNTED
    assert "strategies_strategy" not in untracked and "guardian_userobjectpermission" not in untracked


def test_folding_keeps_the_generation(commissioner, monkeypatch):
    Directorate.objects.create(name="Adults")
    before = pagecache.generation()
    monkeypatch.setattr(pagecache, "FOLD_AFTER", 0)
    assert pagecache.generation() == before  # folded now
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM page_change")
        assert cursor.fetchone()[0] == 0
    Directorate.objects.create(name="Children")
    assert pagecache.generation() == before + 1


def test_each_page_is_served_as_kept_until_the_data_changes(commissioner):
    strategy = factories.strategy(commissioner=commissioner, delivered=True)
    client = signed_in(commissioner)
    for page, url_of in PAGES.items():
        url = url_of(strategy)
        first, rendered = queries(client, url)
        again, served = queries(client, url)
        assert again.content == first.content, page
        assert served <= 4 < rendered, page  # the session, the person, the generation (and no more)
        Directorate.objects.create(name=f"Adults {page}")  # any committed write of the council's data
        _, after_write = queries(client, url)
        assert after_write > 4, page


def test_a_change_shows_at_once(commissioner, strategy):
    client, url = signed_in(commissioner), reverse("strategies:detail", args=[strategy.pk])
    client.get(url)
    assert b"Children are safe and healthy" in client.get(url).content
    Strategy.objects.filter(pk=strategy.pk).update(title="Young people thrive")
    assert b"Young people thrive" in client.get(url).content


def test_each_session_has_its_own_pages(commissioner, strategy):
    other = factories.user(roles.COMMISSIONER, username="commissioner2")
    mine, theirs = signed_in(commissioner), signed_in(other)
    url = reverse("home")
    mine.get(url)
    signed_in_as = f"Signed in as {other}.".encode()
    assert signed_in_as in theirs.get(url).content
    assert signed_in_as not in mine.get(url).content
    # A second sign-in by the same person is another session: its own CSRF secret, its own pages.
    again = signed_in(commissioner)
    assert again.cookies["csrftoken"].value != mine.cookies["csrftoken"].value
    _, rendered = queries(again, url)
    assert rendered > 4


def test_the_session_end_is_written_in_afresh(commissioner):
    client, url = signed_in(commissioner), reverse("home")
    client.get(url)
    session = client.session
    session[LAST_SEEN] = session[LAST_SEEN] - 10  # the stamp ten seconds older: not yet stamped again
    session.save()
    response, served = queries(client, url)
    assert served <= 4
    ends_at = session[LAST_SEEN] + 30 * 60
    assert f'data-ends-at="{ends_at:.3f}"'.encode() in response.content


def test_a_message_is_never_lost_to_the_cache(commissioner, strategy, monkeypatch):
    client, url = signed_in(commissioner), reverse("strategies:detail", args=[strategy.pk])
    client.get(url)
    client.get(url)  # kept
    original = pagecache.page_key

    def with_message(request):
        messages.success(request, "Strategy saved.")
        return original(request)

    monkeypatch.setattr(pagecache, "page_key", with_message)
    assert b"Strategy saved." in client.get(url).content


def test_the_job_queue_banner_is_never_kept_or_hidden(commissioner, monkeypatch):
    client, url = signed_in(commissioner), reverse("home")
    client.get(url)
    monkeypatch.setattr(outbox, "broker_recently_down", lambda: True)
    assert b"E-mails and pack builds are delayed." in client.get(url).content
    assert b"E-mails and pack builds are delayed." in client.get(url).content
    monkeypatch.setattr(outbox, "broker_recently_down", lambda: False)
    assert b"E-mails and pack builds are delayed." not in client.get(url).content


def test_a_new_day_renders_afresh(commissioner, monkeypatch):
    client, url = signed_in(commissioner), reverse("home")
    client.get(url)
    assert queries(client, url)[1] <= 4
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    monkeypatch.setattr(pagecache.timezone, "localdate", lambda: tomorrow)
    assert queries(client, url)[1] > 4


def test_a_failing_cache_only_costs_the_rendering(commissioner, monkeypatch):
    class Down:
        def get(self, *args, **kwargs):
            raise ConnectionError("cache down")

        set = get

    monkeypatch.setattr(pagecache.store, "failed_at", None)
    monkeypatch.setattr(pagecache, "caches", {"pages": Down()})
    client, url = signed_in(commissioner), reverse("home")
    assert client.get(url).status_code == 200
    assert pagecache.store.failed_at is not None  # and not tried again for a while
    assert client.get(url).status_code == 200


def test_inside_a_transaction_nothing_is_served_or_kept(commissioner):
    client, url = signed_in(commissioner), reverse("home")
    client.get(url)
    with transaction.atomic():
        Directorate.objects.create(name="Adults")  # not counted until it commits
        assert queries(client, url)[1] > 4


def test_off_when_set_to_zero(commissioner, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client, url = signed_in(commissioner), reverse("home")
    client.get(url)
    assert queries(client, url)[1] > 4
