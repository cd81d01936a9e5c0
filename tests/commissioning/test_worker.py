"""Background jobs go through the real broker to a real Celery worker process (never the web request)."""

import pytest
from django.conf import settings

from commissioning.models import Notification
from commissioning.notifications import send_notification
from strategies import services
from strategies.models import TransitionLog
from strategies.tasks import notify_transition

from .. import factories
from ..conftest import sent_mails, wait_for


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_transition_notifies_commissioners_through_the_worker(celery_worker, commissioner, commissioner2):
    s = factories.complete_analyse(factories.strategy(commissioner=commissioner))
    services.update_strategy(
        strategy=s,
        seen_version=s.version,
        changes={"commissioners": [commissioner2]},
        acting_user=commissioner,
    )
    log = services.apply_transition(
        strategy_id=s.pk,
        name="start_planning",
        acting_user=commissioner,
        expected_stage="analyse",
        note="Agreed",
    )

    def notified():
        log.refresh_from_db()
        return log.notified_at is not None

    assert wait_for(notified, timeout=45), (
        f"the worker did not run the job (notices: {list(Notification.objects.values_list('key', 'sent_at'))}):\n"
        + "".join(celery_worker["log"][-20:])
    )
    mails = sent_mails(celery_worker["mail_dir"])
    # The session's worker also sends other tests' notices (a seeded demo's CS-01 too): this strategy's only.
    moved = [m for m in mails if f"{s.reference} is now in Plan" in m and f"/strategies/{s.pk}/" in m]
    assert len(moved) == 1
    assert commissioner2.email in moved[0] and f"To: {commissioner.email}" not in moved[0]  # not the actor


@pytest.mark.django_db
def test_the_job_is_safe_to_run_twice(
    commissioner, commissioner2, mailoutbox, django_capture_on_commit_callbacks
):
    s = factories.complete_analyse(factories.strategy(commissioner=commissioner))
    services.update_strategy(
        strategy=s,
        seen_version=s.version,
        changes={"commissioners": [commissioner2]},
        acting_user=commissioner,
    )
    with django_capture_on_commit_callbacks(execute=False) as queued:
        log = services.apply_transition(
            strategy_id=s.pk,
            name="start_planning",
            acting_user=commissioner,
            expected_stage="analyse",
            note="Agreed",
        )
    assert len(queued) == 1  # the notice, written with the transition, is queued once it commits
    note = Notification.objects.get(key=f"transition:{log.pk}")
    assert (note.subject, note.recipients) == (f"{s.reference} is now in Plan", [commissioner2.email])
    assert note.body == (
        f"{commissioner} moved {s} from Analyse to Plan.\n\nReason: Agreed\n\n"
        f"{settings.SITE_URL}/strategies/{s.pk}/"
    )
    assert send_notification.run(note.pk) == "sent to 1"
    assert send_notification.run(note.pk) == "skipped"
    assert len(mailoutbox) == 1
    log.refresh_from_db()
    assert log.notified_at == Notification.objects.get(pk=note.pk).sent_at


@pytest.mark.django_db
def test_a_job_queued_under_the_old_names_still_runs(
    commissioner, commissioner2, mailoutbox, django_capture_on_commit_callbacks
):
    """Jobs queued before notices moved to the core: strategies' notify_transition writes the notice, and
    members' send_notification is the same task under its old name."""
    from commissioning.celery import app

    s = factories.complete_analyse(factories.strategy(commissioner=commissioner))
    services.update_strategy(
        strategy=s,
        seen_version=s.version,
        changes={"commissioners": [commissioner2]},
        acting_user=commissioner,
    )
    log = TransitionLog.objects.create(
        strategy=s, transition="start_planning", source="analyse", target="plan", actor=commissioner, cycle=1
    )
    with django_capture_on_commit_callbacks(execute=False):
        notify_transition.run(log.pk)
        notify_transition.run(log.pk)
    (note,) = Notification.objects.filter(key=f"transition:{log.pk}")
    old_name = app.tasks["members.tasks.send_notification"]
    assert old_name.run(note.pk) == "sent to 1"
    assert send_notification.run(note.pk) == "skipped"
    assert notify_transition.run(log.pk) == "skipped"
    assert len(mailoutbox) == 1 and mailoutbox[0].subject == f"{s.reference} is now in Plan"


def test_the_broker_is_never_the_web_request():
    from commissioning.celery import app

    assert settings.CELERY_TASK_ALWAYS_EAGER is False
    assert app.conf.task_always_eager is False  # Celery caches its config: no test may leave it eager
    assert settings.CELERY_BROKER_URL.startswith(("redis://", "filesystem://"))


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_an_approval_request_reaches_the_councillor_through_the_worker(
    celery_worker, commissioner, councillor
):
    from commissioning.models import Notification
    from members.models import Rule, Subject
    from members.services import request_approval

    s = factories.strategy(commissioner=commissioner)
    factories.portfolio_holder(s, councillor)
    s = factories.complete_analyse(s, approved=False)
    request = request_approval(
        strategy=s, subject=Subject.OUTCOMES, approvers=[councillor], rule=Rule.ANY, acting_user=commissioner
    )
    note = Notification.objects.get(key=f"requested:{request.pk}")

    def sent():
        note.refresh_from_db()
        return note.sent_at is not None

    assert wait_for(sent, timeout=45), "the worker did not send it:\n" + "".join(celery_worker["log"][-20:])
    mails = sent_mails(celery_worker["mail_dir"])
    # The worker's mail folder is shared by the session: this request's mail is the one linking to it.
    asked = [m for m in mails if f"/approvals/{request.pk}/" in m]
    assert len(asked) == 1 and f"To: {councillor.email}" in asked[0]
    assert f"Your approval is asked for: {s.reference}" in asked[0]
