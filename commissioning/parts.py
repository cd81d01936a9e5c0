"""Editable parts of a record (a strategy's or a plan's content), described once and served by one set of
views: a section of the record's own fields, or a list of items added and removed in place (HTMX),
each saved with stale-edit protection and history. Apps plug in their record, rights and sections."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_POST

from .dates import check_dates
from .editing import attempt, attempt_delete
from .forms import values
from .history import audited
from .permissions import require
from .versioning import delete_if_current, update_if_current


@dataclass(frozen=True)
class FieldSection:
    slug: str
    title: str
    fields: list[str]
    intro: str = ""
    form_base: type | None = None

    kind = "fields"

    def form_class(self):
        from django import forms

        return forms.modelform_factory(self.form_base._meta.model, form=self.form_base, fields=self.fields)


@dataclass(frozen=True)
class ItemSection:
    slug: str
    title: str
    model: type
    form: type
    columns: list[tuple[str, str]] = field(default_factory=list)  # (heading, attribute or get_X_display)
    intro: str = ""
    add_label: str = "Add"
    multipart: bool = False  # file uploads: posted as a whole page, not through htmx
    extra_cell: str = ""  # a template drawing one more cell per row (e.g. links to files)
    extra_heading: str = ""

    kind = "items"

    def form_class(self):
        return self.form


@dataclass(frozen=True)
class Requirement:
    """What the minimum requirements ask of one section, in their own words, shown on its pages in a
    details component: a paragraph, any points listed under it, and where in the document it comes from."""

    asks: str
    points: tuple[str, ...] = ()
    source: str = ""


# Later stages that keep something derived from a record's items (the gateway's overlap finder) watch a
# model: `watch(Model, callback)`; each add, change and removal of an item of that model calls
# `callback(Model, pk)` inside the write's transaction (so a job it queues through the outbox is written,
# or not, with the change).
_watchers: dict[type, list[Callable]] = {}


def watch(model, callback: Callable) -> None:
    callbacks = _watchers.setdefault(model, [])
    if callback not in callbacks:
        callbacks.append(callback)


def _changed(model, pk) -> None:
    for callback in _watchers.get(model, []):
        callback(model, pk)


def add_part(*, record, parent_field: str, model, values: dict, acting_user):
    """A new item of a record's content from plain values; many-to-many ones are set once it is saved.
    The record's app checks the rights (its services' add_part)."""
    check_dates(values, model)
    many_names = {f.name for f in model._meta.many_to_many}
    with transaction.atomic():
        part = model(**{parent_field: record})
        for name, value in values.items():
            if name not in many_names:
                setattr(part, name, value)
        audited(part, acting_user).save()
        for name, value in values.items():
            if name in many_names:
                getattr(part, name).set(value)
        _changed(model, part.pk)
    return part


def update_part(*, record, parent_field: str, model, pk, seen_version: int, changes: dict, acting_user):
    """Change an item of this record, refusing a stale edit (StaleEdit) or an item of another record."""

    def same_record(obj):
        if getattr(obj, f"{parent_field}_id") != record.pk:
            raise PermissionDenied("That item belongs to another record.")

    with transaction.atomic():
        part = update_if_current(model, pk, seen_version, changes, acting_user, check=same_record)
        _changed(model, part.pk)
    return part


def delete_part(*, record, parent_field: str, model, pk, seen_version: int, acting_user) -> None:
    with transaction.atomic():
        delete_if_current(model, pk, seen_version, acting_user, **{parent_field: record})
        _changed(model, pk)


class PartPages:
    """The section pages of one kind of record. `can_view`/`can_edit` answer (user, record) -> Decision;
    the writes are the record's app's services, each called with the record by its `parent_field` name
    (e.g. `save_fields(strategy=..., seen_version=..., changes=..., acting_user=...)`)."""

    def __init__(
        self,
        *,
        model,
        parent_field: str,
        namespace: str,
        sections: list,
        can_view: Callable,
        can_edit: Callable,
        save_fields: Callable,
        add_part: Callable,
        update_part: Callable,
        delete_part: Callable,
        context: Callable = lambda record: {},
        fields_form_kwargs: Callable = lambda user, record: {},
        back: Callable | None = None,
        return_to_section: bool = False,
        requirements: dict | None = None,
    ):
        self.model = model
        self.parent_field = parent_field
        self.namespace = namespace
        self.sections = sections
        self.by_slug = {s.slug: s for s in sections}
        self.can_view = can_view
        self.can_edit = can_edit
        self.save_fields = save_fields
        self.add_part = add_part
        self.update_part = update_part
        self.delete_part = delete_part
        self.context = context
        self.fields_form_kwargs = fields_form_kwargs  # what a fields form needs to know of who is editing
        # record -> (url, words) of the page listing the sections (the back link); the record's page if None.
        self.back = back or (lambda record: (record.get_absolute_url(), str(record)))
        # After saving a fields section: back to it (as the list sections stay put), else the record's page.
        self.return_to_section = return_to_section
        # section slug -> what the minimum requirements ask of it (the app's own data, e.g.
        # strategies/requirements.py), shown on the section's pages by parts/_requirements.html.
        self.requirements = requirements or {}

    # Views -------------------------------------------------------------------------------------------
    def _record(self, request, pk, need="view"):
        record = get_object_or_404(self.model, pk=pk)
        require((self.can_view if need == "view" else self.can_edit)(request.user, record))
        return record

    def _base_context(self, request, record, spec):
        return {
            "record": record,
            self.parent_field: record,
            "section": spec,
            "can_edit": self.can_edit(request.user, record),
            "ns": self.namespace,
            "section_url": reverse(f"{self.namespace}:section", args=[record.pk, spec.slug]),
            "back": dict(zip(("url", "words"), self.back(record), strict=True)),
            "requirements": self.requirements.get(spec.slug),
            **self.context(record),
        }

    def section(self, request, pk, slug):
        spec = self.by_slug.get(slug)
        if spec is None:
            raise Http404("No such part")
        record = self._record(request, pk, "edit" if request.method == "POST" else "view")
        if spec.kind == "fields":
            return self._field_section(request, record, spec)
        return self._item_section(request, record, spec)

    def _field_section(self, request, record, spec):
        form_class = spec.form_class()
        context = self._base_context(request, record, spec)
        if request.method == "POST":
            form = form_class(
                request.POST,
                instance=self.model.objects.get(pk=record.pk),
                **self.fields_form_kwargs(request.user, record),
            )
            saving = attempt(
                form,
                lambda seen: self.save_fields(
                    **{self.parent_field: record},
                    seen_version=seen,
                    changes=values(form),
                    acting_user=request.user,
                ),
            )
            if saving.done:
                # Back to the section just saved, as the list sections do; GOV.UK Frontend focuses the
                # success banner (role="alert") when the page loads.
                messages.success(request, f"{spec.title} saved.")
                return redirect(context["section_url"] if self.return_to_section else record)
            context["stale"] = saving.stale
            return render(
                request, "parts/section_fields.html", {**context, "form": form}, status=saving.status
            )
        form = form_class(instance=record, **self.fields_form_kwargs(request.user, record))
        return render(request, "parts/section_fields.html", {**context, "form": form})

    def items(self, record, spec):
        related = [
            f.name for f in spec.model._meta.get_fields() if f.many_to_one and f.name != self.parent_field
        ]
        many = [f.name for f in spec.model._meta.get_fields() if f.many_to_many and not f.auto_created]
        return (
            spec.model.objects.filter(**{self.parent_field: record})
            .select_related(*related)
            .prefetch_related(*many)
        )

    def _item_section(self, request, record, spec):
        form_class = spec.form_class()
        status = 200
        form = form_class(parent=record)
        context = self._base_context(request, record, spec)
        if request.method == "POST":
            form = form_class(request.POST, request.FILES, parent=record)
            if form.is_valid():
                part = self.add_part(
                    **{self.parent_field: record},
                    model=spec.model,
                    values=values(form),
                    acting_user=request.user,
                )
                if not request.htmx:
                    messages.success(request, f"Added: {part}.")
                    return redirect(context["section_url"])
                form = form_class(parent=record)
                context["added"] = part
            else:
                status = 200 if request.htmx else 400  # htmx swaps 2xx only: errors are shown in place
        context.update(form=form, items=self.items(record, spec))
        template = "parts/_items.html" if request.htmx else "parts/section_items.html"
        return render(request, template, context, status=status)

    def _item_spec(self, slug):
        spec = self.by_slug.get(slug)
        if spec is None or spec.kind != "items":
            raise Http404("No such part")
        return spec

    def part_edit(self, request, pk, slug, item_pk):
        spec = self._item_spec(slug)
        record = self._record(request, pk, "edit")
        part = get_object_or_404(spec.model, pk=item_pk, **{self.parent_field: record})
        form_class = spec.form_class()
        context = {**self._base_context(request, record, spec), "part": part}
        if request.method == "POST":
            form = form_class(request.POST, request.FILES, instance=part, parent=record)
            saving = attempt(
                form,
                lambda seen: self.update_part(
                    **{self.parent_field: record},
                    model=spec.model,
                    pk=part.pk,
                    seen_version=seen,
                    changes=values(form),
                    acting_user=request.user,
                ),
            )
            if saving.done:
                messages.success(request, f"Saved: {form.instance}.")
                return redirect(context["section_url"])
            context["stale"] = saving.stale
            return render(request, "parts/part_edit.html", {**context, "form": form}, status=saving.status)
        return render(
            request, "parts/part_edit.html", {**context, "form": form_class(instance=part, parent=record)}
        )

    def part_delete(self, request, pk, slug, item_pk):
        spec = self._item_spec(slug)
        record = self._record(request, pk, "edit")
        part = spec.model.objects.filter(pk=item_pk, **{self.parent_field: record}).first()
        context = self._base_context(request, record, spec)
        refused = attempt_delete(
            request,
            lambda seen: self.delete_part(
                **{self.parent_field: record},
                model=spec.model,
                pk=item_pk,
                seen_version=seen,
                acting_user=request.user,
            ),
        )
        outcome = {"refused": refused} if refused else {"removed": part}
        if request.htmx:  # the result is shown in place, and focus moves to it
            context.update(outcome, form=spec.form_class()(parent=record), items=self.items(record, spec))
            return render(request, "parts/_items.html", context)
        if "removed" in outcome:
            messages.success(request, f"Removed: {part}.")
        else:
            messages.error(request, str(outcome["refused"]))
        return redirect(context["section_url"])

    def urls(self, prefix="<id:pk>/"):
        return [
            path(
                f"{prefix}<slug:slug>/", require_http_methods(["GET", "POST"])(self.section), name="section"
            ),
            path(
                f"{prefix}<slug:slug>/<id:item_pk>/edit/",
                require_http_methods(["GET", "POST"])(self.part_edit),
                name="part-edit",
            ),
            path(
                f"{prefix}<slug:slug>/<id:item_pk>/delete/",
                require_POST(self.part_delete),
                name="part-delete",
            ),
        ]
