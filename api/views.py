"""The REST API: thin views like the pages'. Reading goes through each app's permissions module (an object
the caller may not see is a 404), writing through its services (a refusal is a 403 with the module's
reason; a stale If-Match a 412; a refused move a 409 with every reason)."""

from django.db.models import Prefetch
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response
from rest_framework.serializers import CharField, DictField, IntegerField, ListField, Serializer
from rest_framework.views import APIView

import commissioning.services
import delivery.imports
import delivery.permissions
import delivery.selectors
import delivery.services
import gateway.permissions
import meetings.permissions
import meetings.selectors
import meetings.services
import members.permissions
import members.selectors
import members.services
import plans.checklist
import plans.permissions
import plans.services
import strategies.checklist
import strategies.lifecycle
import strategies.permissions
import strategies.selectors
import strategies.services
from commissioning import search, worklist
from commissioning.forms import SearchForm, values
from commissioning.models import Notice
from commissioning.permissions import Decision, require
from delivery.models import Contract, Kpi, Locality, LocalityMeasurement, Measurement
from gateway.models import GatewayReview, ReviewAction
from meetings import packs
from members import callin
from members.models import ApprovalDecision, ApprovalRequest, DecisionRecord
from plans.forms import MilestoneForm, RiskForm
from plans.models import CommissioningPlan, DeliveryOption, Milestone, OptionsAppraisal, Risk
from strategies.forms import TransitionForm
from strategies.lifecycle import Transition
from strategies.models import Strategy

from . import filters, opendata, serializers
from .conditional import etag_of, matches, seen_version
from .pagination import Pagination


class Error(Serializer):
    detail = CharField()


class StaleError(Serializer):
    detail = CharField()
    current_etag = CharField(allow_null=True)
    changed_by = CharField(allow_null=True)
    changed_at = CharField(allow_null=True)
    changes = ListField(child=DictField(child=CharField()))


READ_ERRORS = {
    400: OpenApiResponse(OpenApiTypes.OBJECT, description="A parameter is not valid: each one's problems."),
    401: OpenApiResponse(Error, description="Not signed in: send a personal token."),
    404: OpenApiResponse(Error, description="No such record, or not one you may see."),
    429: OpenApiResponse(Error, description="Too many requests with this token: wait and try again."),
}
WRITE_ERRORS = {
    **READ_ERRORS,
    400: OpenApiResponse(OpenApiTypes.OBJECT, description="The request is not valid: each field's problems."),
    403: OpenApiResponse(
        Error, description="You may see it but not change it: the reason, as the page says."
    ),
}
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="The ETag of the version you read (from a GET), so no one else's change is lost.",
)
UPDATE_ERRORS = {
    **WRITE_ERRORS,
    412: OpenApiResponse(
        StaleError, description="Changed since the ETag you sent: what changed, and by whom."
    ),
    428: OpenApiResponse(Error, description="If-Match is missing."),
}


def visible(decision: Decision) -> None:
    """An object the caller may not see does not exist for them: 404, not 403."""
    if not decision:
        raise NotFound()


def read_docs(many: str, serializer, one: str, detail=None) -> dict:
    """The schema of a resource's list and detail, as extend_schema_view takes them."""
    return {
        "list": extend_schema(summary=many, responses={200: serializer(many=True), **READ_ERRORS}),
        "retrieve": extend_schema(summary=one, responses={200: detail or serializer, **READ_ERRORS}),
    }


class ApiView:
    """Every API view answers for itself (401 as JSON), so the site's sign-in redirect does not apply."""

    # Record ids in paths go through the site's one id converter (commissioning/converters.py): an id out of
    # a 64-bit key's range is no record, 404 before any query (the router is built with path converters).
    lookup_value_converter = "id"

    @classmethod
    def as_view(cls, *args, **kwargs):
        view = super().as_view(*args, **kwargs)
        view.login_required = False
        return view

    def readable(self, decision: Decision) -> None:
        if not getattr(self, "swagger_fake_view", False):  # the schema generator is nobody
            visible(decision)

    def with_etag(self, response, obj):
        response["ETag"] = etag_of(obj)
        return response


class ReadOnly(ApiView, viewsets.ReadOnlyModelViewSet):
    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        return self.with_etag(Response(self.get_serializer(obj).data), obj)


# Strategies --------------------------------------------------------------------------------------------


TRANSITION_NAMES = sorted(t.value for t in Transition)


@extend_schema_view(
    **read_docs(
        "Strategies",
        serializers.StrategySerializer,
        "A strategy, with its checklist and the moves open to you",
        detail=serializers.StrategyDetailSerializer,
    )
)
class StrategyViewSet(ReadOnly):
    filterset_class = filters.StrategyFilter

    def get_queryset(self):
        self.readable(
            strategies.permissions.can_view(self.request.user, None)
        )  # every signed-in person reads them
        return (
            Strategy.objects.select_related("directorate", "accountable_commissioner")
            .prefetch_related("commissioners", "outcomes")
            .order_by("reference")
        )

    def get_serializer_class(self):
        return (
            serializers.StrategyDetailSerializer
            if self.action == "retrieve"
            else serializers.StrategySerializer
        )

    def get_object(self):
        strategy = super().get_object()
        visible(strategies.permissions.can_view(self.request.user, strategy))
        if self.action == "retrieve":
            strategies.lifecycle.evaluate_once(strategy)  # each condition asked once, as on the page
            items = strategies.checklist.build(strategy)
            strategy.api_checklist = items
            strategy.api_checklist_complete = all(i.done for i in items if i.required)
            strategy.api_transitions = [
                {
                    **option,
                    "target": str(option["target"].value),
                    "needs_trigger": bool(option["custom"].get("needs_trigger")),
                    "needs_note": bool(
                        option["custom"].get("needs_trigger") or option["custom"].get("needs_note")
                    ),
                }
                for option in strategies.selectors.transitions_for(strategy, self.request.user)
            ]
            strategy.api_may_edit = bool(strategies.permissions.can_edit(self.request.user, strategy))
        return strategy

    @extend_schema(
        summary="Move a strategy through the cycle",
        description="The same move as the strategy page's buttons. Refused with 409 and every reason the "
        "page gives (e.g. each missing checklist item, an approval still needed). If-Match is optional "
        "here: `expected_stage` (or the ETag) guards against a move someone else has made.",
        parameters=[
            OpenApiParameter("name", OpenApiTypes.STR, OpenApiParameter.PATH, enum=TRANSITION_NAMES),
            OpenApiParameter("If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, required=False),
        ],
        request=serializers.TransitionRequestSerializer,
        responses={
            200: serializers.TransitionDoneSerializer,
            409: OpenApiResponse(serializers.RefusalSerializer, description="Refused: every reason."),
            412: OpenApiResponse(Error, description="The strategy changed since the ETag you sent."),
            **WRITE_ERRORS,
        },
    )
    @action(detail=True, methods=["post"], url_path="transitions/<slug:name>")
    def transition(self, request, pk=None, name=None):
        strategy = get_object_or_404(Strategy.objects.select_related("directorate"), pk=pk)
        visible(strategies.permissions.can_view(request.user, strategy))
        if name not in TRANSITION_NAMES:
            raise NotFound(f"There is no move called '{name}'.")
        require(strategies.permissions.can_transition(request.user, strategy))
        if not matches(request, strategy, required=False):
            return Response(
                {"detail": "The strategy has changed since the ETag you sent. Nothing was changed."},
                status=status.HTTP_412_PRECONDITION_FAILED,
                headers={"ETag": etag_of(strategy)},
            )
        body = serializers.TransitionRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        options = {t["name"]: t for t in strategies.selectors.transitions_for(strategy, request.user)}
        option = options.get(name)
        if option is None:
            raise strategies.services.TransitionRefused(
                [f"A strategy in {strategy.get_stage_display()} cannot do that."]
            )
        form = TransitionForm(
            {
                "expected_stage": data.get("expected_stage") or strategy.stage,
                "note": data.get("note", ""),
                "trigger": data.get("trigger", ""),
            },
            transition=option,
        )
        if not form.is_valid():
            raise ValidationError({field: list(errors) for field, errors in form.errors.items()})
        log = strategies.services.apply_transition(
            strategy_id=strategy.pk,
            name=Transition(name),
            acting_user=request.user,
            expected_stage=form.cleaned_data["expected_stage"],
            note=form.cleaned_data.get("note", ""),
            trigger=form.cleaned_data.get("trigger", ""),
        )
        strategy.refresh_from_db()
        done = serializers.TransitionDoneSerializer(log).data
        return self.with_etag(Response(done), strategy)

    @extend_schema(
        summary="Import a strategy's KPI actuals from CSV",
        description="The same CSV as the import page (columns kpi, period_end, value, note): all or "
        "nothing, and every bad row is reported with its line number.",
        request={"text/csv": OpenApiTypes.BINARY},
        responses={
            200: serializers.BulkDoneSerializer,
            400: OpenApiResponse(
                serializers.ImportRefusalSerializer, description="Nothing was saved: every problem."
            ),
            **{k: v for k, v in WRITE_ERRORS.items() if k != 400},
        },
    )
    @action(detail=True, methods=["post"], url_path="actuals", parser_classes=[opendata.CsvParser])
    def import_actuals(self, request, pk=None):
        from django.core.files.uploadedfile import SimpleUploadedFile

        strategy = get_object_or_404(Strategy, pk=pk)
        visible(strategies.permissions.can_view(request.user, strategy))
        require(delivery.permissions.can_record(request.user, strategy))
        upload = SimpleUploadedFile("actuals.csv", request.data or b"", content_type="text/csv")
        before = set(Measurement.objects.filter(kpi__strategy=strategy).values_list("kpi", "period_end"))
        try:
            saved, by_locality = delivery.imports.import_actuals(
                strategy=strategy, upload=upload, acting_user=request.user
            )
        except delivery.imports.ImportRefused as refused:
            count = len(refused.problems)
            listed, more = delivery.imports.shown(refused.problems)
            return Response(
                {
                    "detail": f"The file has {count} problem{'s' if count != 1 else ''}, so nothing was imported."
                    + (f" The first {len(listed)} are listed." if more else ""),
                    "problems": [{"line": p.line, "message": p.message} for p in listed],
                    "more_problems": more,
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        return _recorded(saved, before, by_locality)


def _recorded(saved, before, by_locality=()) -> Response:
    """What a bulk or CSV import of actuals did: new periods, corrected ones, and the rows as saved (the
    council-wide totals, and the figures by locality)."""
    corrected = sum(1 for m in saved if (m.kpi_id, m.period_end) in before)
    return Response(
        {
            "created": len(saved) - corrected,
            "corrected": corrected,
            "measurements": serializers.MeasurementSerializer(saved, many=True).data,
            "by_locality": serializers.LocalityMeasurementSerializer(by_locality, many=True).data,
        }
    )


def _localities(codes) -> dict:
    """Localities by their ONS code (in capitals), read at once. Read before the rows are validated, so a
    code that could name no locality (too long, or with a NUL, which PostgreSQL refuses) is left for the
    serializer to refuse."""
    longest = Locality._meta.get_field("code").max_length
    codes = {
        c.strip().upper()
        for c in codes
        if isinstance(c, str) and c.strip() and len(c) <= longest and "\x00" not in c
    }
    return {loc.code.upper(): loc for loc in Locality.objects.filter(code__in=codes)} if codes else {}


# Plans -------------------------------------------------------------------------------------------------


@extend_schema_view(
    **read_docs(
        "Commissioning plans, with their services",
        serializers.PlanSerializer,
        "A plan: services, options appraisals, commercial model, milestones, risks and checklist",
        detail=serializers.PlanDetailSerializer,
    )
)
class PlanViewSet(ReadOnly):
    filterset_class = filters.PlanFilter

    def get_queryset(self):
        self.readable(strategies.permissions.can_view(self.request.user, None))
        found = CommissioningPlan.objects.select_related("strategy").prefetch_related(
            "outcomes", "plannedservices__outcomes"
        )
        if self.action == "retrieve":
            found = found.select_related("commercial_model").prefetch_related(
                Prefetch(
                    "optionsappraisals",
                    OptionsAppraisal.objects.prefetch_related(
                        "services",
                        "criteria",
                        Prefetch("options", DeliveryOption.objects.prefetch_related("scores")),
                    ),
                ),
                "contractkpis",
                "milestones",
                "risks",
            )
        # A confidential plan this caller may not read is left out, so it answers 404 as if it did not exist.
        return plans.permissions.readable(self.request.user, found).order_by("strategy__reference", "pk")

    def get_serializer_class(self):
        return serializers.PlanDetailSerializer if self.action == "retrieve" else serializers.PlanSerializer

    def get_object(self):
        plan = super().get_object()
        visible(plans.permissions.can_view(self.request.user, plan))
        if self.action == "retrieve":
            plan.api_checklist = plans.checklist.build(plan)
        return plan

    @extend_schema(
        summary="The plan as an OCDS 1.1 release package (open data)",
        responses={
            200: OpenApiTypes.OBJECT,
            404: OpenApiResponse(Error, description="No such published plan."),
        },
        auth=[],
    )
    @action(detail=True, methods=["get"], url_path="ocds", permission_classes=[], authentication_classes=[])
    def ocds(self, request, pk=None):
        plan = get_object_or_404(opendata.published_plans(), pk=pk)
        return Response(opendata.plan_package(plan, request))


class PartViewSet(ApiView, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Milestones and risks: read, and changed as the delivery plan's pages change them (the same form's
    rules, the plan's rights, stale-edit protection and history), with If-Match."""

    model = None
    form_class = None
    http_method_names = ["get", "patch", "put", "head", "options"]

    def get_queryset(self):
        self.readable(strategies.permissions.can_view(self.request.user, None))
        found = plans.permissions.readable(self.request.user, self.model.objects.all(), via="plan__")
        return found.select_related("plan__strategy").order_by("plan", *self.model._meta.ordering)

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        return self.with_etag(Response(self.get_serializer(obj).data), obj)

    def update(self, request, *args, partial=False, **kwargs):
        part = self.get_object()
        plan = part.plan
        visible(plans.permissions.can_view(request.user, plan))
        require(plans.permissions.can_edit(request.user, plan))
        seen = seen_version(request, part)
        body = self.get_serializer(part, data=request.data, partial=partial)
        body.is_valid(raise_exception=True)
        current = {name: getattr(part, name) for name in self.form_class._meta.fields}
        form = self.form_class(
            data={**current, **body.validated_data, "seen_version": max(seen, 0)}, instance=part, parent=plan
        )
        if not form.is_valid():
            raise ValidationError({f: list(e) for f, e in form.errors.items() if f != "seen_version"})
        saved = plans.services.update_part(
            plan=plan,
            model=self.model,
            pk=part.pk,
            seen_version=seen,
            changes=values(form),
            acting_user=request.user,
        )
        return self.with_etag(Response(self.get_serializer(saved).data), saved)


@extend_schema_view(
    **read_docs("Delivery plan milestones", serializers.MilestoneSerializer, "A milestone"),
    update=extend_schema(
        summary="Change a milestone",
        parameters=[IF_MATCH],
        responses={200: serializers.MilestoneSerializer, **UPDATE_ERRORS},
    ),
    partial_update=extend_schema(
        summary="Change some of a milestone (e.g. its status)",
        parameters=[IF_MATCH],
        responses={200: serializers.MilestoneSerializer, **UPDATE_ERRORS},
    ),
)
class MilestoneViewSet(PartViewSet):
    model = Milestone
    form_class = MilestoneForm
    serializer_class = serializers.MilestoneSerializer
    filterset_class = filters.MilestoneFilter


@extend_schema_view(
    **read_docs("Risk registers", serializers.RiskSerializer, "A risk"),
    update=extend_schema(
        summary="Change a risk",
        parameters=[IF_MATCH],
        responses={200: serializers.RiskSerializer, **UPDATE_ERRORS},
    ),
    partial_update=extend_schema(
        summary="Change some of a risk (e.g. its score or status)",
        parameters=[IF_MATCH],
        responses={200: serializers.RiskSerializer, **UPDATE_ERRORS},
    ),
)
class RiskViewSet(PartViewSet):
    model = Risk
    form_class = RiskForm
    serializer_class = serializers.RiskSerializer
    filterset_class = filters.RiskFilter


# Do and Review -------------------------------------------------------------------------------------------


@extend_schema_view(
    **read_docs("Contracts and grants", serializers.ContractSerializer, "A contract or grant")
)
class ContractViewSet(ReadOnly):
    serializer_class = serializers.ContractSerializer
    filterset_class = filters.ContractFilter

    def get_queryset(self):
        self.readable(delivery.permissions.can_view(self.request.user))
        contracts = delivery.permissions.readable_contracts(self.request.user, Contract.objects.all())
        return contracts.select_related("strategy", "plan").order_by("end_date", "pk")

    @extend_schema(
        summary="The contract as an OCDS 1.1 release package (open data)",
        responses={
            200: OpenApiTypes.OBJECT,
            404: OpenApiResponse(Error, description="No such published contract."),
        },
        auth=[],
    )
    @action(detail=True, methods=["get"], url_path="ocds", permission_classes=[], authentication_classes=[])
    def ocds(self, request, pk=None):
        contract = get_object_or_404(opendata.published_contracts(), pk=pk)
        return Response(opendata.contract_package(contract, request))


@extend_schema_view(
    **read_docs("KPIs, with their latest actual, status and direction", serializers.KpiSerializer, "A KPI")
)
class KpiViewSet(ReadOnly):
    serializer_class = serializers.KpiSerializer
    filterset_class = filters.KpiFilter

    def get_queryset(self):
        self.readable(delivery.permissions.can_view(self.request.user))
        return delivery.selectors.kpis_with_actuals().order_by("strategy", "pk")


# A council-wide actual, or (when the request names a locality) that locality's figure.
ACTUAL_OR_LOCALITY = PolymorphicProxySerializer(
    component_name="RecordedActual",
    serializers=[serializers.MeasurementSerializer, serializers.LocalityMeasurementSerializer],
    resource_type_field_name=None,
)


@extend_schema_view(**read_docs("KPI actuals", serializers.MeasurementSerializer, "An actual"))
class MeasurementViewSet(ApiView, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.MeasurementSerializer
    filterset_class = filters.MeasurementFilter

    def get_queryset(self):
        self.readable(delivery.permissions.can_view(self.request.user))
        return Measurement.objects.select_related("recorded_by", "kpi__strategy").order_by(
            "kpi", "period_end"
        )

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        return self.with_etag(Response(self.get_serializer(obj).data), obj)

    @extend_schema(
        summary="Record a KPI's actual for a period",
        description="Recording a period that already has an actual corrects it (answered 200; a new one 201), "
        "as the KPI page and the CSV import do; the history keeps the old value and who changed it.",
        request=serializers.MeasurementWriteSerializer,
        responses={
            201: ACTUAL_OR_LOCALITY,
            200: ACTUAL_OR_LOCALITY,
            **WRITE_ERRORS,
        },
    )
    def create(self, request):
        body = serializers.MeasurementWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        kpi = Kpi.objects.select_related("strategy").filter(pk=data["kpi"]).first()
        if kpi is None:
            raise ValidationError({"kpi": [f"There is no KPI with id {data['kpi']}."]})
        require(delivery.permissions.can_record(request.user, kpi.strategy))
        if data["locality"]:
            return self._create_by_locality(request, kpi, data)
        existed = Measurement.objects.filter(kpi=kpi, period_end=data["period_end"]).exists()
        saved = delivery.services.record_measurement(
            kpi=kpi,
            period_end=data["period_end"],
            value=data["value"],
            note=data["note"],
            acting_user=request.user,
        )
        code = status.HTTP_200_OK if existed else status.HTTP_201_CREATED
        return self.with_etag(Response(serializers.MeasurementSerializer(saved).data, status=code), saved)

    def _create_by_locality(self, request, kpi, data):
        locality = _localities([data["locality"]]).get(data["locality"].strip().upper())
        if locality is None:
            raise ValidationError({"locality": [f"There is no locality with the code {data['locality']}."]})
        existed = LocalityMeasurement.objects.filter(
            kpi=kpi, locality=locality, period_end=data["period_end"]
        ).exists()
        (saved,) = delivery.services.record_locality_measurements(
            rows=[
                {"kpi": kpi, "locality": locality, "period_end": data["period_end"], "value": data["value"]}
            ],
            acting_user=request.user,
        )
        code = status.HTTP_200_OK if existed else status.HTTP_201_CREATED
        return Response(serializers.LocalityMeasurementSerializer(saved).data, status=code)

    @extend_schema(
        summary="Correct an actual",
        parameters=[IF_MATCH],
        request=serializers.MeasurementChangeSerializer,
        responses={200: serializers.MeasurementSerializer, **UPDATE_ERRORS},
    )
    def partial_update(self, request, pk=None):
        found = self.get_object()
        require(delivery.permissions.can_record(request.user, found.kpi.strategy))
        body = serializers.MeasurementChangeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        saved = delivery.services.correct_measurement(
            measurement_id=found.pk,
            changes=body.validated_data,
            is_current=lambda current: matches(request, current),
            acting_user=request.user,
        )
        return self.with_etag(Response(serializers.MeasurementSerializer(saved).data), saved)

    @extend_schema(
        summary="Record many actuals at once: all or nothing",
        description="Each row as for one actual. Nothing is saved unless every row is valid: a 400 lists every "
        "bad row by its index; a 403 lists the rows whose KPI you may not record.",
        request=serializers.BulkMeasurementsSerializer,
        responses={
            200: serializers.BulkDoneSerializer,
            400: OpenApiResponse(
                serializers.BulkRefusalSerializer, description="Nothing was saved: every bad row."
            ),
            403: OpenApiResponse(
                serializers.BulkRefusalSerializer, description="Nothing was saved: rows you may not record."
            ),
            **READ_ERRORS,
        },
    )
    @action(detail=False, methods=["post"], url_path="bulk")
    def bulk(self, request):
        try:
            rows = serializers.BulkMeasurementsSerializer.rows(request.data)
        except ValidationError as error:
            problem = error.detail["measurements"]
            return Response(
                {"detail": str(problem[0]), "errors": [], "measurements": problem},
                status=status.HTTP_400_BAD_REQUEST,
            )
        ids = {
            r.get("kpi")
            for r in rows
            if isinstance(r, dict) and isinstance(r.get("kpi"), int) and r["kpi"] > 0
        }
        kpis = Kpi.objects.select_related("strategy").in_bulk([i for i in ids if i < 2**63])
        localities = _localities(r.get("locality") for r in rows if isinstance(r, dict))
        problems, refused, good, seen, rights = [], [], [], {}, {}
        for index, row in enumerate(rows):
            one = serializers.MeasurementWriteSerializer(data=row)
            if not one.is_valid():
                problems.append({"index": index, "errors": one.errors})
                continue
            data = one.validated_data
            kpi = kpis.get(data["kpi"])
            if kpi is None:
                problems.append(
                    {"index": index, "errors": {"kpi": [f"There is no KPI with id {data['kpi']}."]}}
                )
                continue
            locality = None
            if data["locality"]:
                locality = localities.get(data["locality"].strip().upper())
                if locality is None:
                    problems.append(
                        {
                            "index": index,
                            "errors": {
                                "locality": [f"There is no locality with the code {data['locality']}."]
                            },
                        }
                    )
                    continue
            key = (kpi.pk, data["period_end"], locality and locality.pk)
            if key in seen:
                problems.append(
                    {
                        "index": index,
                        "errors": {
                            "period_end": [f"'{kpi.name}' for this period is already at index {seen[key]}."]
                        },
                    }
                )
                continue
            seen[key] = index
            if kpi.strategy_id not in rights:
                rights[kpi.strategy_id] = delivery.permissions.can_record(request.user, kpi.strategy)
            if not rights[kpi.strategy_id]:
                refused.append({"index": index, "errors": {"kpi": [rights[kpi.strategy_id].reason]}})
                continue
            wrong = delivery.services.measurement_problems(
                kpi=kpi, period_end=data["period_end"], value=data["value"]
            )
            if wrong:
                problems.append({"index": index, "errors": {f: [m] for f, m in wrong.items()}})
                continue
            good.append((kpi, {**data, "locality": locality}))
        if refused:
            return Response(
                {"detail": "You may not record some of these KPIs, so nothing was saved.", "errors": refused},
                status=status.HTTP_403_FORBIDDEN,
            )
        if problems:
            count = len(problems)
            return Response(
                {
                    "detail": f"{count} row{'s' if count != 1 else ''} {'have' if count != 1 else 'has'} problems, "
                    "so nothing was saved. Correct them and send every row again.",
                    "errors": problems,
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        before = set(
            Measurement.objects.filter(kpi__in={k.pk for k, _ in good}).values_list("kpi", "period_end")
        )
        saved, by_locality = delivery.services.record_actuals(
            rows=[
                {
                    "kpi": kpi,
                    "period_end": d["period_end"],
                    "value": d["value"],
                    "note": d["note"],
                    "locality": d["locality"],
                }
                for kpi, d in good
            ],
            acting_user=request.user,
        )
        return _recorded(saved, before, by_locality)


# The programme gateway and councillors' decisions ----------------------------------------------------------


@extend_schema_view(
    **read_docs(
        "Gateway reviews, with findings and actions", serializers.GatewayReviewSerializer, "A gateway review"
    )
)
class GatewayReviewViewSet(ReadOnly):
    serializer_class = serializers.GatewayReviewSerializer
    filterset_class = filters.GatewayReviewFilter

    def get_queryset(self):
        self.readable(gateway.permissions.can_view(self.request.user))
        return (
            GatewayReview.objects.select_related("strategy", "scheduled_by")
            .prefetch_related(
                "findings", Prefetch("actions", ReviewAction.objects.select_related("owner", "review"))
            )
            .order_by("-scheduled_for", "-pk")
        )


@extend_schema_view(
    **read_docs(
        "Gateway actions and conditions", serializers.ReviewActionSerializer, "A gateway action or condition"
    )
)
class ReviewActionViewSet(ReadOnly):
    serializer_class = serializers.ReviewActionSerializer
    filterset_class = filters.ReviewActionFilter

    def get_queryset(self):
        self.readable(gateway.permissions.can_view(self.request.user))
        return ReviewAction.objects.select_related("owner", "review").order_by("due_date", "pk")


@extend_schema_view(
    **read_docs("Councillors' decision records", serializers.DecisionSerializer, "A decision record")
)
class DecisionViewSet(ReadOnly):
    serializer_class = serializers.DecisionSerializer
    filterset_class = filters.DecisionFilter

    def get_queryset(self):
        self.readable(members.permissions.can_view(self.request.user))
        records = members.permissions.readable_requests(
            self.request.user, DecisionRecord.objects.all(), via="request__"
        )
        return records.select_related("strategy").order_by("-decided_at", "-pk")

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_object()).data)  # immutable: nothing to If-Match


@extend_schema_view(
    **read_docs(
        "Members' registers of interests",
        serializers.InterestSerializer,
        "An entry in a member's register of interests",
    )
)
class InterestViewSet(ReadOnly):
    """The registers, with the pages' rights: everyone signed in reads what is published (current entries, a
    sensitive interest's details withheld); the member and democratic services read their entries in full."""

    serializer_class = serializers.InterestSerializer
    filterset_class = filters.InterestFilter

    def get_queryset(self):
        user = self.request.user
        self.readable(members.permissions.can_view(user))
        found = members.selectors.entries(members.selectors.members_with_registers())
        if not (user.is_authenticated and user.is_administrator):
            found = members.selectors.published_entries(found) | found.filter(member=user.pk)
        return found.order_by(
            "member__last_name", "member__first_name", "member", "category", "-arose_on", "pk"
        )

    def get_serializer_context(self):
        user = self.request.user
        return {
            **super().get_serializer_context(),
            "full": lambda interest: bool(members.permissions.can_see_withheld(user, interest.member)),
        }

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        return self.with_etag(Response(self.get_serializer(obj).data), obj)


@extend_schema_view(
    **read_docs("Requests for councillors' approval", serializers.ApprovalSerializer, "An approval request")
)
class ApprovalViewSet(ReadOnly):
    serializer_class = serializers.ApprovalSerializer
    filterset_class = filters.ApprovalFilter

    def get_queryset(self):
        self.readable(members.permissions.can_view(self.request.user))
        found = members.permissions.readable_requests(self.request.user, ApprovalRequest.objects.all())
        return (
            found.select_related("strategy")
            .prefetch_related("approvers", "declarations")
            .order_by("-requested_at", "-pk")
        )

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_object()).data)  # its status moves: nothing to If-Match

    @extend_schema(
        summary="Decide on an approval request, declaring any interest",
        description="The request page's decision, with the same rules. A disclosable pecuniary interest "
        "declared here is recorded, and the decision refused with 403 and the reason, unless a dispensation "
        "covers it; a member whose register already records one touching the strategy is refused the same "
        "way. When your register flags interests touching the strategy, declare one or send "
        "`confirmed_none`.",
        request=serializers.ApprovalDecisionWriteSerializer,
        responses={201: serializers.ApprovalDecisionSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="decision")
    def decision(self, request, pk=None):
        approval = self.get_object()
        require(members.permissions.can_decide(request.user, approval))
        body = serializers.ApprovalDecisionWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        declared = data.get("declaration")
        made = members.services.decide(
            request_id=approval.pk,
            seen_content_hash=data["content_hash"],
            kind=data["kind"],
            reasons=data["reasons"],
            conflict_declared=bool(declared),
            conflict_details=(declared or {}).get("details", ""),
            conflict_kind=(declared or {}).get("kind", "other"),
            interest_id=(declared or {}).get("interest"),
            confirmed_none=data["confirmed_none"],
            acting_user=request.user,
        )
        made = ApprovalDecision.objects.select_related("request").get(pk=made.pk)
        return Response(serializers.ApprovalDecisionSerializer(made).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    **read_docs(
        "Decision notices: executive decisions with their call-in period and status",
        serializers.DecisionNoticeSerializer,
        "A decision notice, with its call-ins and scrutiny's conclusion",
    )
)
class DecisionNoticeViewSet(ReadOnly):
    serializer_class = serializers.DecisionNoticeSerializer

    def get_queryset(self):
        self.readable(members.permissions.can_view(self.request.user))
        return members.selectors.published_decision_notices(self.request.user)

    def paginate_queryset(self, queryset):
        found = super().paginate_queryset(queryset)
        return members.selectors.with_standing(found) if found is not None else None

    def get_object(self):
        notice = super().get_object()
        notice.standing = callin.standing(notice)
        return notice

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_object()).data)  # changes only by call-in: no If-Match

    @extend_schema(
        summary="Call in a decision (scrutiny members, within the call-in period)",
        description="The same as the notice page's form, with the same rights and rate limit: refused with "
        "403 and the reason (not a scrutiny member, already called in, the period ended).",
        request=serializers.CallInRequestSerializer,
        responses={201: serializers.CallInDoneSerializer, **WRITE_ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="call-in")
    def call_in(self, request, pk=None):
        notice = self.get_object()
        require(members.permissions.can_call_in(request.user, notice))
        body = serializers.CallInRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        members.services.call_in(
            notice_id=notice.pk, reasons=body.validated_data["reasons"], acting_user=request.user
        )
        notice = members.selectors.decision_notice(notice.pk, request.user)
        done = {"status": notice.standing.label, "call_ins": len(notice.call_ins.all())}
        return Response(serializers.CallInDoneSerializer(done).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    **read_docs(
        "The forward plan's key decisions, each with the first day it may be taken",
        serializers.ForwardPlanEntrySerializer,
        "A key decision on the forward plan, with its exceptions",
    )
)
class ForwardPlanEntryViewSet(ReadOnly):
    serializer_class = serializers.ForwardPlanEntrySerializer

    def get_queryset(self):
        self.readable(members.permissions.can_view(self.request.user))
        return members.selectors.forward_plan_entries(self.request.user)

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_object()).data)


# Open data -------------------------------------------------------------------------------------------------


class RegisterView(ApiView, APIView):
    """The contracts register (open data, so no token is needed)."""

    permission_classes = []
    authentication_classes = []

    @extend_schema(
        summary="The contracts register as CSV (Local Government Transparency Code)",
        responses={(200, "text/csv"): OpenApiTypes.STR},
        auth=[],
    )
    def get(self, request):
        response = HttpResponse(opendata.register_csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="contracts-register.csv"'
        return response


# Meetings and their packs ----------------------------------------------------------------------------------


@extend_schema_view(
    **read_docs(
        "Board meetings, with their agendas",
        serializers.MeetingSerializer,
        "A meeting, with its agenda and the packs you may download",
        detail=serializers.MeetingDetailSerializer,
    )
)
class MeetingViewSet(ReadOnly):
    filterset_class = filters.MeetingFilter

    def get_queryset(self):
        self.readable(meetings.permissions.can_view(self.request.user))
        return meetings.selectors.meetings_with_agendas().order_by("-starts_at", "-pk")

    def get_serializer_class(self):
        return (
            serializers.MeetingDetailSerializer
            if self.action == "retrieve"
            else serializers.MeetingSerializer
        )

    def get_object(self):
        meeting = super().get_object()
        visible(meetings.permissions.can_view_meeting(self.request.user, meeting))
        if self.action == "retrieve":
            # A pack the caller may not download is not listed at all: the same rule as the download.
            meeting.api_packs = meetings.selectors.downloadable_packs(self.request.user, meeting)
        return meeting

    @extend_schema(
        summary="A meeting's attendance and whether it was quorate",
        responses={200: serializers.MeetingAttendanceSerializer, **READ_ERRORS},
    )
    @action(detail=True, methods=["get"])
    def attendance(self, request, pk=None):
        meeting = self.get_object()
        visible(meetings.permissions.can_view_business(request.user, meeting))
        meeting.present, meeting.quorum = meetings.services.quorum(meeting)
        meeting.quorate = meeting.present >= meeting.quorum
        meeting.attendance_rows = meetings.selectors.attendance_of(meeting)
        data = serializers.MeetingAttendanceSerializer(
            {
                "pk": meeting.pk,
                "present": meeting.present,
                "quorum": meeting.quorum,
                "quorate": meeting.quorate,
                "attendance": meeting.attendance_rows,
            }
        ).data
        return Response(data)

    @extend_schema(
        summary="A meeting's resolutions, item by item, and its approved minutes",
        description="A resolution on an exempt item shows its wording only to those who may have the "
        "confidential pack: the same rule as the meeting page.",
        responses={200: serializers.MeetingResolutionsSerializer, **READ_ERRORS},
    )
    @action(detail=True, methods=["get"])
    def resolutions(self, request, pk=None):
        meeting = self.get_object()
        visible(meetings.permissions.can_view_business(request.user, meeting))
        meeting.api_resolutions = meetings.selectors.resolutions_of(request.user, meeting)
        meeting.api_minutes = meetings.selectors.approved_minutes(meeting)
        return Response(serializers.MeetingResolutionsSerializer(meeting).data)


class PackDownloadView(ApiView, APIView):
    @extend_schema(
        summary="Download a meeting pack (PDF)",
        description="Only to those entitled to it: the same check as the meeting page. A pack you may not "
        "have is answered exactly as one that does not exist.",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, **READ_ERRORS},
    )
    def get(self, request, pk):
        pack = meetings.selectors.downloadable_pack(request.user, pk)
        if pack is None:
            raise NotFound("No such pack, or not one you may download.")
        return packs.file_response(pack)


# The public record: published meetings and public decisions, open data (no token) --------------------------------


# Open data needs no token, so never answers 401; a page past the last is a 404, as everywhere.
OPEN_READ_ERRORS = {code: READ_ERRORS[code] for code in (400, 404, 429)}


class Open:
    """Open data: answered to anyone, without a token (rate-limited per address, as the contracts register)."""

    permission_classes = []
    authentication_classes = []


@extend_schema_view(
    list=extend_schema(
        summary="Published meetings (open data)",
        responses={200: serializers.PublicMeetingSerializer(many=True), **OPEN_READ_ERRORS},
        auth=[],
    ),
    retrieve=extend_schema(
        summary="A published meeting: its agenda as published and every version, with SHA-256 (open data)",
        responses={200: serializers.PublicMeetingDetailSerializer, **OPEN_READ_ERRORS},
        auth=[],
    ),
)
class PublicMeetingViewSet(Open, ReadOnly):
    """Only meetings whose agenda is published; an unpublished one is not found. Exempt items by title and
    Schedule 12A paragraph only."""

    filterset_class = filters.MeetingFilter

    def get_queryset(self):
        return meetings.selectors.published_meetings().order_by("starts_at", "pk")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.PublicMeetingDetailSerializer
        return serializers.PublicMeetingSerializer

    def get_object(self):
        meeting = super().get_object()
        meeting.api_versions = meetings.selectors.publications_of(meeting)
        return meeting


@extend_schema_view(
    list=extend_schema(
        summary="Councillors' decisions (open data: none of a confidential plan)",
        responses={200: serializers.PublicDecisionSerializer(many=True), **OPEN_READ_ERRORS},
        auth=[],
    ),
    retrieve=extend_schema(
        summary="A decision (open data)",
        responses={200: serializers.PublicDecisionSerializer, **OPEN_READ_ERRORS},
        auth=[],
    ),
)
class PublicDecisionViewSet(Open, ReadOnly):
    serializer_class = serializers.PublicDecisionSerializer
    filterset_class = filters.DecisionFilter

    def get_queryset(self):
        return members.selectors.public_decision_records()

    def retrieve(self, request, *args, **kwargs):
        return Response(self.get_serializer(self.get_object()).data)


# The caller's own work -------------------------------------------------------------------------------------


class TaskListView(ApiView, APIView):
    """The caller's tasks, soonest due first: the same list as the dashboard's "Your tasks"."""

    @extend_schema(
        summary="Your tasks",
        responses={
            200: inline_serializer(
                "TaskList", {"count": IntegerField(), "results": serializers.TaskSerializer(many=True)}
            ),
            **READ_ERRORS,
        },
    )
    def get(self, request):
        tasks = worklist.tasks_for(request.user)
        data = serializers.TaskSerializer([t.as_dict() for t in tasks], many=True).data
        return Response({"count": len(tasks), "results": data})


class SearchView(ApiView, APIView):
    """Search everything the caller may open (the same rights and results as /search/)."""

    @extend_schema(
        summary="Search",
        parameters=[
            OpenApiParameter(
                "q", str, required=True, description="Words; quotes, OR and -word as on the web"
            ),
            OpenApiParameter("kind", str, many=True, description="Only these kinds"),
            OpenApiParameter("stage", str),
            OpenApiParameter("directorate", filters.ID_SCHEMA, description="A directorate's id"),
            OpenApiParameter("date_from", OpenApiTypes.DATE),
            OpenApiParameter("date_to", OpenApiTypes.DATE),
        ],
        responses={200: serializers.SearchResultsSerializer, **READ_ERRORS},
    )
    def get(self, request):
        form = SearchForm(request.query_params)
        if not form.is_valid():
            raise ValidationError({name: [str(e) for e in errors] for name, errors in form.errors.items()})
        if not form.cleaned_data["q"].strip():
            raise ValidationError({"q": ["Enter the words to search for"]})
        results = search.search(request.user, form.cleaned_data["q"], **form.arguments())
        return Response(serializers.SearchResultsSerializer(results).data)


class NoticeListView(ApiView, APIView):
    """The caller's in-app notifications, newest first, with how many are unread."""

    @extend_schema(
        summary="Your notifications",
        responses={
            200: inline_serializer(
                "NoticeList",
                {
                    "unread": IntegerField(),
                    "count": IntegerField(),
                    "next": CharField(allow_null=True),
                    "previous": CharField(allow_null=True),
                    "results": serializers.NoticeSerializer(many=True),
                },
            ),
            **READ_ERRORS,
        },
    )
    def get(self, request):
        notices = Notice.objects.filter(user=request.user).select_related("notification")
        paginator = Pagination()
        page = paginator.paginate_queryset(notices, request, view=self)
        response = paginator.get_paginated_response(serializers.NoticeSerializer(page, many=True).data)
        response.data["unread"] = Notice.objects.filter(user=request.user, read_at__isnull=True).count()
        return response


class NoticeReadView(ApiView, APIView):
    """Mark some (or all) of the caller's notifications read."""

    @extend_schema(
        summary="Mark notifications as read",
        request=serializers.MarkReadSerializer,
        responses={
            200: inline_serializer("Marked", {"marked": IntegerField(), "unread": IntegerField()}),
            **{code: WRITE_ERRORS[code] for code in (400, 401, 429)},
        },
    )
    def post(self, request):
        data = serializers.MarkReadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        marked = commissioning.services.mark_read(
            acting_user=request.user, notice_ids=data.validated_data.get("ids")
        )
        unread = Notice.objects.filter(user=request.user, read_at__isnull=True).count()
        return Response({"marked": marked, "unread": unread})
