"""Issue 7: import of KPI actuals from CSV. Every bad row is reported with its line number and reason, and
nothing is saved unless the whole file is valid."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from delivery import imports
from delivery.imports import ImportRefused, import_actuals, read_actuals
from delivery.models import Kpi, Measurement
from strategies.models import Stage, Strategy

pytestmark = pytest.mark.django_db


def in_do(strategy) -> Strategy:
    Strategy.objects.filter(pk=strategy.pk).update(stage=Stage.DO)
    return Strategy.objects.get(pk=strategy.pk)


def kpi(strategy, name, **fields) -> Kpi:
    fields.setdefault("target", Decimal("90"))
    fields.setdefault("unit", "%")
    return Kpi.objects.create(strategy=strategy, name=name, **fields)


def csv_file(text, name="actuals.csv", encoding="utf-8") -> SimpleUploadedFile:
    data = text.encode(encoding) if isinstance(text, str) else text
    return SimpleUploadedFile(name, data, content_type="text/csv")


@pytest.fixture
def strategy(own_strategy):
    return in_do(own_strategy)


@pytest.fixture
def seen(strategy):
    return kpi(strategy, "Families seen within 10 working days")


@pytest.fixture
def plans(strategy):
    return kpi(strategy, "Children with a plan", unit="number", target=Decimal("1200"))


def problems_of(strategy, text, **kwargs):
    with pytest.raises(ImportRefused) as refused:
        import_actuals(
            strategy=strategy, upload=csv_file(text, **kwargs), acting_user=strategy.accountable_commissioner
        )
    return [(p.line, p.message) for p in refused.value.problems]


class TestValidFile:
    def test_every_row_is_recorded_with_the_importer_in_the_history(
        self, strategy, seen, plans, commissioner
    ):
        text = (
            "kpi,period_end,value,note\n"
            "Families seen within 10 working days,2026-03-31,87.5%,\n"
            f"{seen.pk},2026-06-30,91,New referral route\n"
            'Children with a plan,2026-06-30,"1,204",\n'
        )
        saved, _by_locality = import_actuals(
            strategy=strategy, upload=csv_file(text), acting_user=commissioner
        )
        assert len(saved) == 3
        assert list(seen.measurements.values_list("period_end", "value", "note")) == [
            (date(2026, 3, 31), Decimal("87.50"), ""),
            (date(2026, 6, 30), Decimal("91.00"), "New referral route"),
        ]
        assert plans.measurements.get().value == Decimal("1204.00")
        for measurement in Measurement.objects.all():
            assert measurement.recorded_by == commissioner
            assert measurement.history.get().history_user == commissioner

    def test_columns_in_any_order_and_any_case_with_blank_lines(self, strategy, seen, commissioner):
        text = "Value , PERIOD_END,Kpi\r\n\r\n42,2026-03-31,Families seen within 10 working days\r\n,,\r\n"
        import_actuals(strategy=strategy, upload=csv_file(text), acting_user=commissioner)
        assert seen.measurements.get().value == Decimal("42")

    def test_a_byte_order_mark_is_accepted(self, strategy, seen, commissioner):
        text = "kpi,period_end,value\nFamilies seen within 10 working days,2026-03-31,80\n"
        import_actuals(
            strategy=strategy, upload=csv_file(text, encoding="utf-8-sig"), acting_user=commissioner
        )
        assert seen.measurements.get().value == Decimal("80")

    def test_uk_dates_are_accepted(self, strategy, seen, commissioner):
        text = "kpi,period_end,value\nFamilies seen within 10 working days,31/03/2026,80\n"
        import_actuals(strategy=strategy, upload=csv_file(text), acting_user=commissioner)
        assert seen.measurements.get().period_end == date(2026, 3, 31)

    def test_reimporting_a_period_corrects_it_and_keeps_the_old_value(self, strategy, seen, commissioner):
        first = "kpi,period_end,value,note\nFamilies seen within 10 working days,2026-03-31,80,\n"
        import_actuals(strategy=strategy, upload=csv_file(first), acting_user=commissioner)
        second = (
            "kpi,period_end,value,note\nFamilies seen within 10 working days,31/03/2026,85,Late returns\n"
        )
        import_actuals(strategy=strategy, upload=csv_file(second), acting_user=commissioner)
        measurement = seen.measurements.get()
        assert (measurement.value, measurement.note) == (Decimal("85"), "Late returns")
        assert [h.value for h in measurement.history.order_by("history_date")] == [
            Decimal("80"),
            Decimal("85"),
        ]


class TestRefusedFile:
    def test_each_bad_row_is_reported_with_its_line_and_nothing_is_saved(self, strategy, seen, plans):
        text = (
            "kpi,period_end,value,note\n"  # line 1
            "Families seen within 10 working days,2026-03-31,87,\n"  # 2: good
            "Nobody's KPI,2026-03-31,87,\n"  # 3: unknown KPI
            "Children with a plan,2026-02-30,10,\n"  # 4: no such date
            "Children with a plan,2026-03-31,lots,\n"  # 5: not a number
            "Children with a plan,2026-06-30,,\n"  # 6: missing value
            "Families seen within 10 working days,31/03/2026,88,\n"  # 7: same as line 2
            ",,5,\n"  # 8: no KPI, no date
            f"Children with a plan,2026-09-30,1,{'x' * 301}\n"  # 9: note too long
        )
        found = problems_of(strategy, text)
        lines = [line for line, _ in found]
        assert lines == [3, 4, 5, 6, 7, 8, 8, 9]
        reasons = dict(zip(lines, [m for _, m in found], strict=False))
        assert "'Nobody's KPI' is not a KPI of" in reasons[3]
        assert "'2026-02-30' must be a real date" in reasons[4]
        assert "'lots' must be a number" in reasons[5]
        assert "value is missing" in reasons[6]
        assert "already on line 2" in reasons[7]
        assert "300 characters" in reasons[9]
        assert not Measurement.objects.exists()

    def test_a_kpi_of_another_strategy_is_unknown(self, strategy, seen, other_strategy):
        theirs = kpi(in_do(other_strategy), "Reoffending within a year")
        text = f"kpi,period_end,value\nReoffending within a year,2026-03-31,5\n{theirs.pk},2026-03-31,5\n"
        found = problems_of(strategy, text)
        assert [line for line, _ in found] == [2, 3]
        assert all("is not a KPI of" in message for _, message in found)
        assert not Measurement.objects.exists()

    def test_the_same_kpi_and_period_twice_by_name_and_id(self, strategy, seen):
        text = (
            "kpi,period_end,value\n"
            "Families seen within 10 working days,2026-03-31,80\n"
            f"{seen.pk},31/03/2026,81\n"
        )
        assert problems_of(strategy, text) == [
            (
                3,
                "'Families seen within 10 working days' for the period ending 31 March 2026 is already on line 2",
            )
        ]
        assert not Measurement.objects.exists()

    def test_missing_columns_are_named(self, strategy, seen):
        found = problems_of(strategy, "kpi,date,amount\nFamilies seen within 10 working days,2026-03-31,80\n")
        assert len(found) == 1
        line, message = found[0]
        assert line == 1
        assert "'period_end', 'value' columns" in message

    @pytest.mark.parametrize(
        ("text", "name", "expected"),
        [
            (b"", "actuals.csv", "The selected file is empty"),
            (b"\xef\xbb\xbf\n  \n", "actuals.csv", "The selected file is empty"),
            (b"kpi,period_end,value\n", "actuals.csv", "The file has no actuals"),
            (b"kpi,period_end,value\nx,2026-03-31,1\n", "actuals.xlsx", "must be a CSV file"),
            (b"kpi,period_end,value\n" + b"x" * imports.MAX_BYTES, "actuals.csv", "smaller than 8 MB"),
        ],
    )
    def test_file_problems(self, strategy, seen, text, name, expected):
        found = problems_of(strategy, text, name=name)
        assert len(found) == 1
        assert expected in found[0][1]

    def test_a_file_not_in_utf8_names_the_line(self, strategy, seen):
        text = "kpi,period_end,value,note\nFamilies seen within 10 working days,2026-03-31,80,Café\n"
        found = problems_of(strategy, text, encoding="cp1252")
        assert found[0][0] == 2
        assert "not UTF-8" in found[0][1]

    def test_a_line_that_is_not_csv_is_reported(self, strategy, seen):
        text = "kpi,period_end,value\nFamilies seen within 10 working days,2026-03-31,80\n" + "x" * 200_000
        found = problems_of(strategy, text)
        assert found[0][0] == 3
        assert "cannot be read as CSV" in found[0][1]
        assert not Measurement.objects.exists()

    def test_numbers_read(self):
        assert imports._number("1,204.5") == Decimal("1204.50")
        assert imports._number("87.5 %") == Decimal("87.50")
        assert imports._number("-3") == Decimal("-3.00")
        assert imports._number(".333") == Decimal("0.33")
        for bad in ("1,20", "12,34,567", "£5", "5%%", "1e5", "NaN", "", "%"):
            assert imports._number(bad) is None, bad

    def test_reading_saves_nothing(self, strategy, seen):
        rows, problems = read_actuals(
            strategy, csv_file("kpi,period_end,value\nFamilies seen within 10 working days,2026-03-31,80\n")
        )
        assert problems == []
        assert [(r.line, r.kpi, r.value) for r in rows] == [(2, seen, Decimal("80"))]
        assert not Measurement.objects.exists()


class TestRights:
    TEXT = "kpi,period_end,value\nFamilies seen within 10 working days,2026-03-31,80\n"

    @pytest.mark.parametrize("who", ["commissioner2", "councillor"])
    def test_others_are_refused(self, strategy, seen, other_strategy, who, request):
        person = request.getfixturevalue(who)
        with pytest.raises(PermissionDenied):
            import_actuals(strategy=strategy, upload=csv_file(self.TEXT), acting_user=person)
        assert not Measurement.objects.exists()

    def test_not_while_the_strategy_is_in_plan(self, own_strategy, commissioner):
        Strategy.objects.filter(pk=own_strategy.pk).update(stage=Stage.PLAN)
        kpi(own_strategy, "Families seen within 10 working days")
        with pytest.raises(PermissionDenied):
            import_actuals(
                strategy=Strategy.objects.get(pk=own_strategy.pk),
                upload=csv_file(self.TEXT),
                acting_user=commissioner,
            )

    @pytest.mark.parametrize("who", ["commissioner2", "councillor"])
    def test_the_page_refuses_others(self, client, strategy, seen, other_strategy, who, request, no_throttle):
        client.force_login(request.getfixturevalue(who))
        url = reverse("delivery:import", args=[strategy.pk])
        assert client.get(url).status_code == 403
        assert client.post(url, {"file": csv_file(self.TEXT)}).status_code == 403
        assert not Measurement.objects.exists()

    def test_anonymous_people_are_sent_to_sign_in(self, client, strategy):
        response = client.get(reverse("delivery:import", args=[strategy.pk]))
        assert response.status_code == 302
        assert "login" in response.url


class TestPage:
    @pytest.fixture
    def signed_in(self, client, commissioner, no_throttle):
        client.force_login(commissioner)
        return client

    def test_the_form_explains_the_columns_and_lists_the_kpis(self, signed_in, strategy, seen):
        response = signed_in.get(reverse("delivery:import", args=[strategy.pk]))
        assert response.status_code == 200
        page = response.content.decode()
        assert 'enctype="multipart/form-data"' in page
        assert 'class="govuk-file-upload"' in page
        assert "kpi,period_end,value,note" in page
        assert seen.name in page

    def test_a_good_file_is_imported_and_says_so(self, signed_in, strategy, seen, plans, commissioner):
        text = (
            "kpi,period_end,value\n"
            "Families seen within 10 working days,2026-03-31,87.5%\n"
            'Children with a plan,31/03/2026,"1,100"\n'
        )
        response = signed_in.post(reverse("delivery:import", args=[strategy.pk]), {"file": csv_file(text)})
        assert response.status_code == 302
        assert response.url == reverse("delivery:strategy", args=[strategy.pk])
        assert [str(m) for m in get_messages(response.wsgi_request)] == [
            f"2 actuals imported for {strategy.reference}."
        ]
        assert Measurement.objects.count() == 2
        assert Measurement.objects.get(kpi=seen).history.get().history_user == commissioner

    def test_a_bad_file_shows_every_problem_and_saves_nothing(self, signed_in, strategy, seen):
        text = (
            "kpi,period_end,value\n"
            "Families seen within 10 working days,2026-03-31,87.5%\n"
            "Unknown KPI,2026-03-31,5\n"
            "Families seen within 10 working days,2026-13-01,5\n"
        )
        response = signed_in.post(reverse("delivery:import", args=[strategy.pk]), {"file": csv_file(text)})
        assert response.status_code == 400
        page = response.content.decode()
        assert "govuk-error-summary" in page
        assert "The file has 2 problems, so nothing was imported" in page
        assert 'id="problems"' in page
        assert '<td class="govuk-table__cell">3</td>' in page
        assert "&#x27;Unknown KPI&#x27; is not a KPI of" in page
        assert '<td class="govuk-table__cell">4</td>' in page
        assert not Measurement.objects.exists()

    def test_no_file_chosen(self, signed_in, strategy):
        response = signed_in.post(reverse("delivery:import", args=[strategy.pk]), {})
        assert response.status_code == 400
        assert "Select a CSV file" in response.content.decode()

    def test_a_file_problem_is_shown_by_the_field(self, signed_in, strategy, seen):
        upload = csv_file("kpi,period_end,value\n", name="actuals.txt")
        response = signed_in.post(reverse("delivery:import", args=[strategy.pk]), {"file": upload})
        assert response.status_code == 400
        page = response.content.decode()
        assert "The selected file must be a CSV file" in page
        assert 'id="problems"' not in page
