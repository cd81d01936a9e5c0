"""Plans on two real PostgreSQL connections (issue 16). Kept apart from test_plans, whose rights matrix holds
one transaction open for its whole module: the other connection could not see this test's rows there."""

import pytest

from plans import services
from plans.models import DeliveryOption, OptionScore

from .. import factories
from .test_plans import option


@pytest.mark.django_db(transaction=True)
def test_saving_scores_waits_for_an_option_being_deleted_then_refuses(on_postgres, commissioner):
    """Issue 16, on two real PostgreSQL connections: one deletes an option (not yet committed) while the
    other saves the scores form loaded before. The save waits for the appraisal's lock, then answers clearly
    (it was an IntegrityError, a 500)."""
    import threading
    import time

    from django.core.exceptions import ValidationError
    from django.db import connection, transaction

    plan = factories.complete_plan(
        factories.advance(factories.strategy(commissioner=commissioner), factories.Reached.IN_PLAN),
        commissioner,
        approved=False,
    )
    a = plan.optionsappraisals.get()
    gone = option(a, "Spin out", "internal", value_for_money_evidence="Benchmarked")
    criterion = a.criteria.first()
    deleted, commit, outcome = threading.Event(), threading.Event(), {}

    def delete():
        try:
            with transaction.atomic():
                services.delete_option(
                    appraisal=a, option_pk=gone.pk, seen_version=gone.version, acting_user=commissioner
                )
                deleted.set()
                commit.wait(30)
        finally:
            connection.close()

    def save():
        try:
            services.save_scores(
                appraisal=a,
                scores={(gone.pk, criterion.pk): 4},
                seen_version=a.version,
                acting_user=commissioner,
            )
            outcome["saved"] = True
        except Exception as error:  # noqa: BLE001 - the kind of failure is what is tested
            outcome["error"] = error
        finally:
            connection.close()

    deleter = threading.Thread(target=delete)
    deleter.start()
    assert deleted.wait(30)
    saver = threading.Thread(target=save)
    saver.start()
    for _ in range(300):  # until the save waits on a lock held by the delete
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
            if cursor.fetchone()[0]:
                break
        time.sleep(0.01)
    commit.set()
    deleter.join(30)
    saver.join(30)
    assert isinstance(outcome.get("error"), ValidationError), outcome
    assert "An option was removed by someone else" in outcome["error"].messages[0]
    assert not DeliveryOption.objects.filter(pk=gone.pk).exists()
    assert not OptionScore.objects.filter(option_id=gone.pk).exists()
