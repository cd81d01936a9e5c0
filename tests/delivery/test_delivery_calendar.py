"""Issue 15 item 1: KPI actuals a council can trust. An actual's period must have ended and end on the KPI's
reporting calendar (the financial year's quarters and year), checked where the actual is written (the KPI
page, the CSV import and the API all obey); Do → Review needs an actual for every period due since the
strategy entered Do. Issue 16 items 3 and 5: the CSV import at scale."""

import time
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from delivery import periods, services
from delivery.imports import SHOWN_PROBLEMS, ImportRefused, import_actuals
from delivery.models import Kpi, Measurement
from strategies.models import Stage, TransitionLog
from strategies.services import TransitionRefused

from .. import factories

pytestmark = pytest.mark.django_db

MONTHLY, QUARTERLY, ANNUAL = Kpi.Frequency.MONTHLY, Kpi.Frequency.QUARTERLY, Kpi.Frequency.ANNUAL


@pytest.fixture
def today(monkeypatch):
    """Set today's date (timezone.localdate() with no value); dates of given moments are untouched."""
    real = timezone.localdate

    def set_to(day: date) -> date:
        monkeypatch.setattr(
            timezone,
            "localdate",
            lambda value=None, timezone=None: day if value is None else real(value, timezone),
        )
        return day

    return set_to


@pytest.fixture
def strategy(commissioner):
    return factories.StrategyFactory(commissioner=commissioner, delivering=True)


def new_kpi(strategy, frequency=QUARTERLY, name="Carers assessed") -> Kpi:
    return services.create_kpi(
        strategy=strategy,
        acting_user=strategy.accountable_commissioner,
        name=name,
        unit="%",
        target=Decimal("90"),
        frequency=frequency,
    )


def record(kpi, period_end, value="88"):
    return services.record_measurement(
        kpi=kpi,
        period_end=period_end,
        value=Decimal(value),
        acting_user=kpi.strategy.accountable_commissioner,
    )


def refusal(kpi, period_end) -> str:
    with pytest.raises(ValidationError) as refused:
        record(kpi, period_end)
    return refused.value.message_dict["period_end"][0]


class TestCalendar:
    @pytest.mark.parametrize(
        ("frequency", "day", "ok"),
        [
            (QUARTERLY, date(2026, 9, 30), True),
            (QUARTERLY, date(2026, 9, 29), False),  # the day before the quarter end
            (QUARTERLY, date(2026, 10, 31), False),  # a month end, not a quarter end
            (QUARTERLY, date(2026, 3, 31), True),
            (QUARTERLY, date(2026, 12, 31), True),
            (MONTHLY, date(2026, 2, 28), True),
            (MONTHLY, date(2024, 2, 28), False),  # a leap year's February ends on the 29th
            (MONTHLY, date(2024, 2, 29), True),
            (MONTHLY, date(2026, 5, 15), False),
            (ANNUAL, date(2026, 3, 31), True),  # the financial year ends 31 March
            (ANNUAL, date(2025, 12, 31), False),
        ],
    )
    def test_period_ends(self, frequency, day, ok):
        assert periods.is_period_end(frequency, day) is ok

    def test_the_financial_year_is_the_councils_setting(self, settings):
        settings.FINANCIAL_YEAR_START_MONTH = 1
        assert periods.is_period_end(ANNUAL, date(2025, 12, 31))
        assert not periods.is_period_end(ANNUAL, date(2026, 3, 31))
        assert periods.is_period_end(QUARTERLY, date(2026, 3, 31))
        assert periods.calendar_hint(QUARTERLY) == "31 March, 30 June, 30 September or 31 December"

    def test_periods_due(self):
        since, until = date(2026, 5, 10), date(2026, 12, 5)
        assert periods.due(QUARTERLY, since, until) == [date(2026, 6, 30), date(2026, 9, 30)]
        assert periods.due(ANNUAL, since, until) == []
        assert periods.due(MONTHLY, since, until)[0] == date(2026, 5, 31)
        assert periods.due(MONTHLY, since, until)[-1] == date(2026, 11, 30)
        assert periods.due(QUARTERLY, date(2026, 6, 30), date(2026, 9, 30)) == [date(2026, 9, 30)]


class TestRecording:
    def test_todays_period_end_may_be_recorded_tomorrows_may_not(self, strategy, today):
        monthly = new_kpi(strategy, MONTHLY)
        today(date(2026, 10, 31))
        assert record(monthly, date(2026, 10, 31)).period_end == date(2026, 10, 31)  # ends today
        today(date(2026, 10, 30))
        assert refusal(monthly, date(2026, 10, 31)).startswith("Period 2026-10-31 has not ended yet")
        today(date(2026, 11, 1))
        assert record(monthly, date(2026, 10, 31), "70").value == Decimal("70")  # ended yesterday

    def test_a_future_period_is_refused(self, strategy, today):
        today(date(2026, 12, 5))
        assert refusal(new_kpi(strategy), date(2030, 12, 31)).startswith(
            "Period 2030-12-31 has not ended yet"
        )
        assert not Measurement.objects.exists()

    def test_a_day_off_the_calendar_is_refused_with_the_days_that_are_on_it(self, strategy, today):
        today(date(2026, 12, 5))
        quarterly = new_kpi(strategy)
        assert refusal(quarterly, date(2026, 5, 15)) == (
            "Period 2026-05-15 is not a quarter end for this quarterly KPI: "
            "use 31 March, 30 June, 30 September or 31 December"
        )
        assert refusal(quarterly, date(2026, 9, 29)).startswith("Period 2026-09-29 is not a quarter end")
        assert record(quarterly, date(2026, 9, 30))
        annual = new_kpi(strategy, ANNUAL, name="Carers' satisfaction")
        assert refusal(annual, date(2025, 12, 31)).startswith("Period 2025-12-31 is not a year end")
        assert record(annual, date(2026, 3, 31))

    def test_a_period_recorded_again_is_corrected_with_history(self, strategy, today):
        today(date(2026, 12, 5))
        kpi = new_kpi(strategy)
        record(kpi, date(2026, 9, 30), "80")
        record(kpi, date(2026, 9, 30), "85")
        assert kpi.measurements.get().value == Decimal("85")
        assert [h.value for h in Measurement.history.order_by("history_id")] == [Decimal("80"), Decimal("85")]

    def test_a_date_far_in_the_past_is_refused(self, strategy):
        assert refusal(new_kpi(strategy), date(1026, 3, 31)).startswith("The period end must be on or after")

    def test_the_kpi_page_shows_the_reason_and_saves_nothing(self, client, strategy, today):
        today(date(2026, 12, 5))
        kpi = new_kpi(strategy)
        client.force_login(strategy.accountable_commissioner)
        url = reverse("delivery:kpi", args=[kpi.pk])
        page = client.get(url)
        assert page.context["actual"]["period_end"].value() == date(2026, 9, 30)  # the latest ended quarter
        response = client.post(url, {"period_end": "2026-12-31", "value": "90", "note": ""})
        assert response.status_code == 400
        assert response.context["actual"].errors["period_end"] == [
            "Period 2026-12-31 has not ended yet: record an actual once its period has ended"
        ]
        assert not kpi.measurements.exists()
        assert client.post(url, {"period_end": "2026-09-30", "value": "90", "note": ""}).status_code == 302


class TestDoToReview:
    def entered_do(self, strategy, day):
        moment = timezone.make_aware(datetime(day.year, day.month, day.day, 10))
        TransitionLog.objects.filter(strategy=strategy, target=Stage.DO).update(at=moment)

    def test_every_period_due_since_entering_do_needs_an_actual(self, strategy, today):
        today(date(2026, 12, 5))
        self.entered_do(strategy, date(2026, 5, 10))
        carers = new_kpi(strategy)
        record(carers, date(2026, 3, 31))  # before Do: not enough
        with pytest.raises(TransitionRefused) as refused:
            factories.move(strategy, "start_review", strategy.accountable_commissioner)
        assert refused.value.reasons == [
            "KPI 'Carers assessed': no actual for quarter ending 30 June 2026.",
            "KPI 'Carers assessed': no actual for quarter ending 30 September 2026.",
        ]
        record(carers, date(2026, 6, 30))
        with pytest.raises(TransitionRefused) as refused:
            factories.move(strategy, "start_review", strategy.accountable_commissioner)
        assert refused.value.reasons == [
            "KPI 'Carers assessed': no actual for quarter ending 30 September 2026."
        ]
        record(carers, date(2026, 9, 30))
        assert (
            factories.move(strategy, "start_review", strategy.accountable_commissioner).stage == Stage.REVIEW
        )

    def test_a_period_ending_today_is_due_the_day_before_it_is_not(self, strategy, today):
        self.entered_do(strategy, date(2026, 7, 1))
        carers = new_kpi(strategy)
        record(carers, date(2026, 6, 30))
        today(date(2026, 9, 29))
        assert (
            factories.move(strategy, "start_review", strategy.accountable_commissioner).stage == Stage.REVIEW
        )

    def test_a_period_ending_today_is_due(self, strategy, today):
        self.entered_do(strategy, date(2026, 7, 1))
        carers = new_kpi(strategy)
        record(carers, date(2026, 6, 30))
        today(date(2026, 9, 30))
        with pytest.raises(TransitionRefused) as refused:
            factories.move(strategy, "start_review", strategy.accountable_commissioner)
        assert refused.value.reasons == [
            "KPI 'Carers assessed': no actual for quarter ending 30 September 2026."
        ]


def upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("actuals.csv", text.encode(), content_type="text/csv")


def problems_of(strategy, text):
    with pytest.raises(ImportRefused) as refused:
        import_actuals(strategy=strategy, upload=upload(text), acting_user=strategy.accountable_commissioner)
    return [(p.line, p.message) for p in refused.value.problems]


class TestImport:
    def test_bad_periods_and_values_are_named_by_line(self, strategy, today):
        today(date(2026, 12, 5))
        new_kpi(strategy)
        huge = "1" * 27
        found = problems_of(
            strategy,
            "kpi,period_end,value\n"
            "Carers assessed,2026-09-30,90\n"
            "Carers assessed,2030-12-31,90\n"
            "Carers assessed,2026-05-15,90\n"
            f"Carers assessed,2026-06-30,{huge}\n"
            "Carers assessed,2026-03-31,1000000000000\n",
        )
        assert found == [
            (3, "Period 2030-12-31 has not ended yet: record an actual once its period has ended"),
            (
                4,
                "Period 2026-05-15 is not a quarter end for this quarterly KPI: "
                "use 31 March, 30 June, 30 September or 31 December",
            ),
            (5, f"the value '{huge}' is too large: it must be less than 1,000,000,000,000"),
            (6, "the value '1000000000000' is too large: it must be less than 1,000,000,000,000"),
        ]
        assert not Measurement.objects.exists()

    def test_the_page_lists_the_first_hundred_problems_and_counts_the_rest(self, client, strategy, today):
        today(date(2026, 12, 5))
        new_kpi(strategy)
        rows = "".join(
            f"Carers assessed,{2000 + i // 12}-{1 + i % 12:02d}-15,90\n" for i in range(SHOWN_PROBLEMS + 20)
        )
        client.force_login(strategy.accountable_commissioner)
        response = client.post(
            reverse("delivery:import", args=[strategy.pk]), {"file": upload("kpi,period_end,value\n" + rows)}
        )
        assert response.status_code == 400
        assert len(response.context["problems"]) == SHOWN_PROBLEMS
        assert response.context["problems"][0].line == 2
        assert response.context["more"] == 20
        assert "The first 100 problems are listed; there are 20 more." in response.content.decode()

    def test_corrections_in_a_bulk_import_are_kept_in_the_history(self, strategy, today):
        today(date(2026, 12, 5))
        kpi = new_kpi(strategy)
        record(kpi, date(2026, 6, 30), "70")
        saved, _by_locality = import_actuals(
            strategy=strategy,
            upload=upload(
                "kpi,period_end,value\nCarers assessed,2026-06-30,75\nCarers assessed,2026-09-30,80\n"
            ),
            acting_user=strategy.accountable_commissioner,
        )
        assert len(saved) == 2
        assert dict(kpi.measurements.values_list("period_end", "value")) == {
            date(2026, 6, 30): Decimal("75"),
            date(2026, 9, 30): Decimal("80"),
        }
        corrected = Measurement.history.filter(period_end=date(2026, 6, 30)).order_by("history_id")
        assert [(h.history_type, h.value, h.history_user) for h in corrected] == [
            ("+", Decimal("70"), strategy.accountable_commissioner),
            ("~", Decimal("75"), strategy.accountable_commissioner),
        ]
        assert Measurement.history.filter(period_end=date(2026, 9, 30), history_type="+").count() == 1

    def test_a_large_file_imports_in_seconds(self, strategy, today, django_assert_max_num_queries):
        today(date(2026, 12, 5))
        kpis = [new_kpi(strategy, MONTHLY, name=f"KPI {n}") for n in range(20)]
        ends = periods.due(MONTHLY, date(2000, 1, 1), date(2026, 11, 30))[-250:]
        rows = "".join(f"{k.name},{end.isoformat()},{n % 97}.5\n" for k in kpis for n, end in enumerate(ends))
        started = time.perf_counter()
        with django_assert_max_num_queries(40):  # not a query per row
            saved, _by_locality = import_actuals(
                strategy=strategy,
                upload=upload("kpi,period_end,value\n" + rows),
                acting_user=strategy.accountable_commissioner,
            )
        assert len(saved) == 5000
        assert time.perf_counter() - started < 5
        assert Measurement.objects.count() == 5000
        assert Measurement.history.count() == 5000
