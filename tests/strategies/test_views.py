import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone

from commissioning.middleware import LAST_SEEN, STARTED
from strategies.models import Outcome, Stage, Strategy

from .. import factories


@pytest.fixture
def signed_in(client, commissioner, no_throttle):
    client.force_login(commissioner)
    return client


@pytest.mark.django_db
class TestStaleEdits:
    def test_second_save_of_a_stale_form_is_refused_showing_what_changed(
        self, client, own_strategy, commissioner, commissioner2, no_throttle
    ):
        from strategies import services

        services.update_strategy(
            strategy=own_strategy,
            seen_version=1,
            changes={"commissioners": [commissioner2]},
            acting_user=commissioner,
        )
        url = reverse("strategies:section", args=[own_strategy.pk, "issues"])
        seen = Strategy.objects.get(pk=own_strategy.pk).version
        client.force_login(commissioner)
        first = client.post(
            url, {"emerging_issues": "Demand is rising", "data_gaps": "None identified", "seen_version": seen}
        )
        assert first.status_code == 302
        client.force_login(commissioner2)
        second = client.post(
            url, {"emerging_issues": "Budget is falling", "data_gaps": "Carers data", "seen_version": seen}
        )
        assert second.status_code == 409
        page = second.content.decode()
        assert "Your changes have not been saved" in page
        assert "Demand is rising" in page  # what the other person saved
        assert "Budget is falling" in page  # what this person typed is kept in the form
        s = Strategy.objects.get(pk=own_strategy.pk)
        assert s.emerging_issues == "Demand is rising" and s.data_gaps == "None identified"

    def test_stale_item_edit_is_refused(self, signed_in, own_strategy):
        outcome = Outcome.objects.create(strategy=own_strategy, title="Children are safe")
        url = reverse("strategies:part-edit", args=[own_strategy.pk, "outcomes", outcome.pk])
        assert (
            signed_in.post(url, {"title": "Children are safe and well", "seen_version": 1}).status_code == 302
        )
        response = signed_in.post(url, {"title": "Children thrive", "seen_version": 1})
        assert response.status_code == 409
        assert Outcome.objects.get(pk=outcome.pk).title == "Children are safe and well"

    def test_deleting_an_item_someone_changed_is_refused(self, signed_in, own_strategy):
        outcome = Outcome.objects.create(strategy=own_strategy, title="Children are safe")
        signed_in.post(
            reverse("strategies:part-edit", args=[own_strategy.pk, "outcomes", outcome.pk]),
            {"title": "Children are safe and well", "seen_version": 1},
        )
        signed_in.post(
            reverse("strategies:part-delete", args=[own_strategy.pk, "outcomes", outcome.pk]),
            {"seen_version": 1},
        )
        assert Outcome.objects.filter(pk=outcome.pk).exists()


@pytest.mark.django_db
class TestBadInput:
    def test_create_with_missing_fields_shows_error_summary_and_saves_nothing(self, signed_in):
        response = signed_in.post(reverse("strategies:create"), {"title": "", "purpose": ""})
        assert response.status_code == 200
        page = response.content.decode()
        assert "There is a problem" in page
        assert 'href="#id_title"' in page and "Enter title" in page
        assert not Strategy.objects.exists()

    def test_bad_item_saves_nothing(self, signed_in, own_strategy):
        url = reverse("strategies:section", args=[own_strategy.pk, "metrics"])
        response = signed_in.post(
            url, {"name": "Delayed transfers", "polarity": "sideways", "baseline": "lots", "seen_version": 1}
        )
        assert response.status_code == 400
        page = response.content.decode()
        assert "Baseline must be a number" in page
        assert not own_strategy.performancemetrics.exists()

    def test_evidence_needs_a_link_or_a_file(self, signed_in, own_strategy):
        response = signed_in.post(
            reverse("strategies:section", args=[own_strategy.pk, "evidence"]),
            {"title": "JSNA", "source": "Public Health", "kind": "jsna", "seen_version": 1},
        )
        assert response.status_code == 400
        assert "Enter a link to the evidence or upload a file" in response.content.decode()

    def test_interdependency_with_itself_is_refused(self, signed_in, own_strategy):
        response = signed_in.post(
            reverse("strategies:section", args=[own_strategy.pk, "interdependencies"]),
            {
                "other": own_strategy.pk,
                "shared_outcome": "x",
                "assumed_contribution": "y",
                "direction": "both",
                "seen_version": 1,
            },
        )
        assert response.status_code == 400
        assert not own_strategy.interdependencys.exists()

    def test_joint_strategy_needs_partner_and_process(self, signed_in, own_strategy):
        response = signed_in.post(
            reverse("strategies:section", args=[own_strategy.pk, "joint"]),
            {"is_joint": "on", "seen_version": 1},
        )
        assert response.status_code == 400
        assert "Enter the lead partner of this joint strategy" in response.content.decode()

    def test_unknown_section_is_404(self, signed_in, own_strategy):
        assert signed_in.get(f"/strategies/{own_strategy.pk}/nonsense/").status_code == 404

    def test_transition_refusal_shows_every_reason(self, signed_in, own_strategy):
        response = signed_in.post(
            reverse("strategies:transition", args=[own_strategy.pk, "start_planning"]),
            {"expected_stage": "analyse"},
        )
        assert response.status_code == 409
        page = response.content.decode()
        assert "was not moved" in page and "Needs analysis: Legal framework" in page
        assert Strategy.objects.get(pk=own_strategy.pk).stage == Stage.ANALYSE

    def test_each_refusal_reason_appears_once_linked_to_its_fix_grouped_by_part(
        self, signed_in, own_strategy
    ):
        url = reverse("strategies:transition", args=[own_strategy.pk, "start_planning"])
        for response in (signed_in.get(url), signed_in.post(url, {"expected_stage": "analyse"})):
            page = response.content.decode()
            # Once: the error summary after a refusal, the list of what to do first before one; never both.
            assert page.count("Needs analysis: Legal framework") == 1
            assert ("was not moved" in page) == (response.status_code == 409)
            legal = reverse("strategies:section", args=[own_strategy.pk, "needs-analysis"])
            assert f'href="{legal}#id_need_legal"' in page
            approvals = reverse("members:strategy-approvals", args=[own_strategy.pk])
            assert f'href="{approvals}#approval-outcomes"' in page
            assert ">Analyse content</h3>" in page and ">Approvals</h3>" in page
            assert "(optional) (optional)" not in page and "Note (optional)" in page


@pytest.mark.django_db
class TestPages:
    def test_htmx_add_returns_the_list_fragment(self, signed_in, own_strategy):
        response = signed_in.post(
            reverse("strategies:section", args=[own_strategy.pk, "outcomes"]),
            {"title": "Families thrive", "seen_version": 1},
            HTTP_HX_REQUEST="true",
        )
        assert response.status_code == 200
        page = response.content.decode()
        assert page.lstrip().startswith('<div id="items">') and "Families thrive" in page
        assert "<html" not in page

    def test_htmx_remove(self, signed_in, own_strategy):
        outcome = Outcome.objects.create(strategy=own_strategy, title="Families thrive")
        response = signed_in.post(
            reverse("strategies:part-delete", args=[own_strategy.pk, "outcomes", outcome.pk]),
            {"seen_version": 1},
            HTTP_HX_REQUEST="true",
        )
        page = response.content.decode()
        assert (
            response.status_code == 200
            and "Removed: Families thrive" in page
            and "Nothing recorded yet." in page
        )
        assert not Outcome.objects.exists()

    def test_detail_shows_checklist_timeline_and_map(self, signed_in, own_strategy, commissioner):
        from strategies import services

        s = factories.complete_analyse(own_strategy)
        services.apply_transition(
            strategy_id=s.pk,
            name="start_planning",
            acting_user=commissioner,
            expected_stage="analyse",
            note="Agreed at directorate leadership team",
        )
        page = signed_in.get(reverse("strategies:detail", args=[s.pk])).content.decode()
        assert "Minimum requirements" in page and "Complete" in page
        assert "Analyse → Plan" in page and "Agreed at directorate leadership team" in page
        # The Analyse content and the interdependency map are a page of their own (issue 23).
        assert "<svg" not in page
        content = signed_in.get(reverse("strategies:content", args=[s.pk])).content.decode()
        assert "<svg" in content and "Learn and achieve" in content
        assert f'href="{reverse("strategies:section", args=[s.pk, "findings"])}"' in content

    def test_overview_counts_the_checklist_and_opens_only_what_is_missing(self, signed_in, own_strategy):
        from strategies import checklist

        own_strategy.summary_of_findings = "Demand is rising"
        own_strategy.save()
        items = [i for i in checklist.build(own_strategy) if i.required]
        done = sum(i.done for i in items)
        page = signed_in.get(reverse("strategies:detail", args=[own_strategy.pk])).content.decode()
        assert f"<strong>{done} of {len(items)}</strong> required parts complete" in page
        missing, complete = page.split("Still missing", 1)[1].split('<details class="govuk-details">', 1)
        assert "Needs analysis: Legal framework" in missing and "Summary of findings" not in missing
        assert "Summary of findings" in complete.split("</details>", 1)[0]
        # The strategy's own navigation, with the overview its one current part; the header's one item too.
        nav = page.split('aria-label="This strategy: CS-01"', 1)[1].split("</nav>", 1)[0]
        assert nav.count('aria-current="page"') == 1 and 'aria-current="page">Overview<' in nav
        for part in (
            "Analyse content",
            "Checklist",
            "Plans",
            "Approvals",
            "Scrutiny",
            "Delivery and KPIs",
            "History",
        ):
            assert f">{part}</a>" in nav

    def test_each_part_of_the_strategy_marks_itself_in_its_navigation(self, signed_in, own_strategy):
        for name, part in [
            ("members:strategy-approvals", "Approvals"),
            ("members:scrutiny", "Scrutiny"),
            ("delivery:strategy", "Delivery and KPIs"),
            ("strategies:content", "Analyse content"),
            ("strategies:history", "History"),
        ]:
            page = signed_in.get(reverse(name, args=[own_strategy.pk])).content.decode()
            nav = page.split('aria-label="This strategy: CS-01"', 1)[1].split("</nav>", 1)[0]
            assert nav.count('aria-current="page"') == 1 and f'aria-current="page">{part}<' in nav, name

    def test_saving_a_section_returns_to_that_section(self, signed_in, own_strategy):
        url = reverse("strategies:section", args=[own_strategy.pk, "findings"])
        response = signed_in.post(url, {"summary_of_findings": "Demand is rising", "seen_version": 1})
        assert response.status_code == 302 and response["Location"] == url
        page = signed_in.get(url).content.decode()
        assert (
            'govuk-notification-banner--success" role="alert"' in page
            and "Summary of findings saved." in page
        )
        content = reverse("strategies:content", args=[own_strategy.pk])
        assert f'<a href="{content}" class="govuk-back-link">Back to the Analyse content of CS-01</a>' in page

    def test_history_is_paged_and_filtered_by_part_person_and_date(
        self, signed_in, own_strategy, commissioner, commissioner2
    ):
        from commissioning import parts

        url = reverse("strategies:section", args=[own_strategy.pk, "outcomes"])
        for n in range(22):
            signed_in.post(url, {"title": f"Outcome {n}", "seen_version": 1})
        parts.add_part(
            record=own_strategy,
            parent_field="strategy",
            model=Outcome,
            values={"title": "By another"},
            acting_user=commissioner2,
        )
        history_url = reverse("strategies:history", args=[own_strategy.pk])
        first = signed_in.get(history_url)
        assert first.context["page"].paginator.num_pages == 2 and len(first.context["entries"]) == 20
        outcomes = signed_in.get(history_url, {"part": "Outcomes"}).context["page"].paginator.count
        assert outcomes == 23
        theirs = signed_in.get(history_url, {"person": commissioner2.pk})
        assert [e.label for e in theirs.context["entries"]] == ["By another"]
        assert "page=2" not in theirs.content.decode()
        today = timezone.localdate()
        assert signed_in.get(history_url, {"since": str(today)}).context["page"].paginator.count >= 23
        later = signed_in.get(history_url, {"since": str(today + timedelta(days=1))})
        assert (
            later.context["page"].paginator.count == 0
            and "No changes match these filters." in later.content.decode()
        )
        wrong = signed_in.get(history_url, {"since": str(today), "until": str(today - timedelta(days=1))})
        assert (
            "The &#x27;to&#x27; date must be the same as or after the &#x27;from&#x27; date"
            in wrong.content.decode()
        )

    def test_history_shows_who_changed_what(self, signed_in, own_strategy, commissioner):
        url = reverse("strategies:section", args=[own_strategy.pk, "findings"])
        signed_in.post(url, {"summary_of_findings": "Old text", "seen_version": 1})
        signed_in.post(url, {"summary_of_findings": "New text", "seen_version": 2})
        page = signed_in.get(reverse("strategies:history", args=[own_strategy.pk])).content.decode()
        assert "<del>Old text</del>" in page and "<ins>New text</ins>" in page
        assert str(commissioner) in page

    def test_list_filters_and_search(self, signed_in, own_strategy, other_strategy):
        Outcome.objects.create(strategy=other_strategy, title="Reduce the risk of flooding")
        url = reverse("strategies:list")
        assert "Protecting the public" in signed_in.get(url, {"q": "flooding"}).content.decode()
        assert "Children are safe" not in signed_in.get(url, {"q": "flooding"}).content.decode()
        mine = signed_in.get(url, {"commissioner": own_strategy.accountable_commissioner_id}).content.decode()
        assert "Children are safe" in mine and "Protecting the public" not in mine
        assert "Protecting the public" not in signed_in.get(url, {"stage": "plan"}).content.decode()
        assert signed_in.get(url, {"stage": "nonsense"}).status_code == 200


@pytest.mark.django_db
class TestHealthAndSessions:
    def test_healthz_ok(self, client):
        response = client.get("/healthz")
        assert response.status_code == 200 and response.json()["database"] == {"ok": True}

    def test_healthz_503_when_database_fails(self, client, monkeypatch):
        from django.db.backends.utils import CursorWrapper

        def broken(*args, **kwargs):
            raise DatabaseError("down")

        monkeypatch.setattr(CursorWrapper, "execute", broken)
        assert client.get("/healthz").status_code == 503

    def test_anonymous_sees_only_login(self, client):
        assert client.get("/").status_code == 302
        assert client.get(reverse("login")).status_code == 200

    def test_idle_session_ends(self, signed_in):
        session = signed_in.session
        session[LAST_SEEN] = time.time() - 31 * 60
        session.save()
        response = signed_in.get(reverse("strategies:list"))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
        assert signed_in.get(reverse("strategies:list")).status_code == 302

    def test_session_ends_after_twelve_hours_even_if_active(self, signed_in):
        session = signed_in.session
        session[STARTED] = time.time() - 12 * 3600 - 1
        session[LAST_SEEN] = time.time()
        session.save()
        assert signed_in.get(reverse("strategies:list")).status_code == 302

    def test_stay_signed_in_extends(self, signed_in):
        session = signed_in.session
        session[LAST_SEEN] = time.time() - 29 * 60
        session.save()
        status = signed_in.get(reverse("session-status")).json()
        assert status["ends_at"] - time.time() < 120  # polling does not count as activity
        extended = signed_in.post(reverse("session-extend")).json()
        assert extended["ends_at"] - time.time() > 29 * 60 and extended["extendable"] is True

    def test_the_unread_count_is_not_activity_and_writes_no_session(self, signed_in):
        session = signed_in.session
        session[LAST_SEEN] = time.time() - 29 * 60
        session.save()
        response = signed_in.get(reverse("notification-count"))
        assert response.status_code == 200 and settings.SESSION_COOKIE_NAME not in response.cookies
        assert signed_in.session[LAST_SEEN] < time.time() - 28 * 60

    def test_activity_is_written_to_the_session_at_most_every_30_seconds(self, signed_in, monkeypatch):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from commissioning import middleware

        now = [time.time()]
        monkeypatch.setattr(middleware.time, "time", lambda: now[0])

        def session_writes():
            with CaptureQueriesContext(connection) as queries:
                assert signed_in.get(reverse("strategies:list")).status_code == 200
            return [q for q in queries.captured_queries if q["sql"].startswith('UPDATE "django_session"')]

        session_writes()  # stamped now
        assert session_writes() == []  # a page straight after writes nothing
        now[0] += 29
        assert session_writes() == []
        now[0] += 1
        assert session_writes() and signed_in.session[LAST_SEEN] == now[0]

    def test_pages_carry_the_warning_dialog_and_csp(self, signed_in):
        response = signed_in.get(reverse("home"))
        assert "data-session-dialog" in response.content.decode()
        assert "script-src 'self'" in response["Content-Security-Policy"]

    def test_login_is_throttled(self, client, commissioner, settings):
        settings.AXES_ENABLED = True
        for _ in range(5):
            client.post(reverse("login"), {"username": "commissioner", "password": "wrong"})
        response = client.post(reverse("login"), {"username": "commissioner", "password": factories.PASSWORD})
        assert response.status_code == 429
        assert "too many times" in response.content.decode()

    def test_login_with_bad_password_explains(self, client, commissioner, no_throttle):
        response = client.post(reverse("login"), {"username": "commissioner", "password": "nope"})
        assert "Enter a correct username and password" in response.content.decode()


@pytest.mark.django_db
def test_sign_out_says_so(client, commissioner, no_throttle):
    client.force_login(commissioner)
    response = client.post(reverse("logout"), follow=True)
    assert "You have signed out." in response.content.decode()
    assert client.get(reverse("home")).status_code == 302


@pytest.mark.django_db
def test_error_summary_links_to_the_first_radio(signed_in, own_strategy):
    """The summary's link must land on a real element: the first radio of a group."""
    response = signed_in.post(
        reverse("strategies:section", args=[own_strategy.pk, "scope"]),
        {"area": "Early help", "reason": "Core", "seen_version": 1},
    )
    page = response.content.decode()
    assert 'href="#id_in_scope"' in page and 'id="id_in_scope"' in page


@pytest.mark.django_db
def test_status_of_an_ended_session_says_so_and_the_next_page_explains(signed_in):
    session = signed_in.session
    session[LAST_SEEN] = time.time() - 31 * 60
    session.save()
    response = signed_in.get(reverse("session-status"))
    assert response.status_code == 200 and response.json() == {"expired": True}
    page = signed_in.get(reverse("strategies:list"), follow=True).content.decode()
    assert "You were signed out after 30 minutes without activity." in page


def test_map_lines_run_from_box_edge_to_box_edge():
    from types import SimpleNamespace

    from strategies.map import interdependency_map

    centre, other = SimpleNamespace(pk=1), SimpleNamespace(pk=2)
    relation = SimpleNamespace(strategy_id=1, strategy=centre, other=other, direction="to_other")
    drawn = interdependency_map(centre, [relation])
    node = drawn["nodes"][0]
    x1, y1, x2, y2 = node.line
    assert (x1, x2) == (drawn["cx"], drawn["cx"])  # straight up to the only node
    assert y1 == drawn["cy"] - (26 + 6)  # leaves the centre box with a gap
    assert y2 == node.y + (22 + 6)  # stops short of the node's box
    assert node.to_other and not node.from_other
    assert drawn["top"] <= node.y - 22 and drawn["top"] + drawn["height"] >= drawn["cy"] + 26
