"""The sign-in audit's writer: Django's, django-axes' and django-allauth's signals, recorded as
SignInEvent rows (who, when, from where). Connected in CommissioningConfig.ready."""

from datetime import timedelta

from allauth.mfa import signals as mfa_signals
from allauth.usersessions.models import UserSession
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import signals as auth_signals
from django.db.models.signals import post_delete
from django.utils import timezone

from .models import SignInEvent

Kind = SignInEvent.Kind


def _where(request) -> dict:
    if request is None:
        return {}
    return {
        "ip_address": request.META.get("REMOTE_ADDR") or None,
        "user_agent": request.META.get("HTTP_USER_AGENT", "")[:300],
    }


def record(kind, *, request=None, user=None, username="", detail="", **where):
    SignInEvent.objects.create(
        kind=kind,
        user=user if user is not None and user.pk else None,
        username=(username or getattr(user, "username", "") or "")[:150],
        detail=detail[:200],
        **(where or _where(request)),
    )


def _signed_in(sender, request, user, **kwargs):
    record(Kind.SIGNED_IN, request=request, user=user, detail=_method(request))


# How someone proved who they are, in the audit's words (allauth's records of this session's sign-in).
FACTOR_WORDS = {"totp": "authenticator app", "webauthn": "passkey", "recovery_codes": "recovery code"}


def _method(request) -> str:
    methods = (getattr(request, "session", None) or {}).get("account_authentication_methods") or []
    return ", ".join(sorted({_method_words(m) for m in methods}))


def _method_words(record: dict) -> str:
    method = record.get("method", "")
    if method != "mfa":
        return method
    words = FACTOR_WORDS.get(record.get("type"), "second factor")
    return f"{words} alone" if record.get("passwordless") else words


def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        record(Kind.SIGNED_OUT, request=request, user=user)


def _failed(sender, credentials, request=None, **kwargs):
    record(Kind.FAILED, request=request, username=str(credentials.get("username", "")))


def _locked_out(sender, request, username, ip_address, **kwargs):
    record(Kind.LOCKED_OUT, request=request, username=username or "", ip_address=ip_address)


def _factor(kind):
    def receiver(sender, request, user, authenticator, **kwargs):
        detail = authenticator.get_type_display()
        if authenticator.type == authenticator.Type.WEBAUTHN:
            detail = f"Passkey '{authenticator.wrap().name}'"
        record(kind, request=request, user=user, detail=detail)

    return receiver


def _session_ended(sender, instance, **kwargs):
    record(
        Kind.SESSION_ENDED,
        user=instance.user,
        ip_address=instance.ip or None,
        user_agent=(instance.user_agent or "")[:300],
    )


def _user_deleted(sender, instance, **kwargs):
    """Deleting a user deletes their sessions first, and each ended session is recorded pointing at them:
    after Django has set the older events' user to null, and before the user's row goes. Those events keep
    the username; without this, the deferred foreign key fails at commit and the deletion is lost."""
    SignInEvent.objects.filter(user_id=instance.pk).update(user=None)


def connect():
    auth_signals.user_logged_in.connect(_signed_in, dispatch_uid="audit-signed-in")
    auth_signals.user_logged_out.connect(_signed_out, dispatch_uid="audit-signed-out")
    auth_signals.user_login_failed.connect(_failed, dispatch_uid="audit-failed")
    user_locked_out.connect(_locked_out, dispatch_uid="audit-locked-out")
    for signal, kind in (
        (mfa_signals.authenticator_added, Kind.FACTOR_ADDED),
        (mfa_signals.authenticator_removed, Kind.FACTOR_REMOVED),
        (mfa_signals.authenticator_reset, Kind.FACTOR_RESET),
    ):
        signal.connect(_factor(kind), dispatch_uid=f"audit-{kind}", weak=False)
    post_delete.connect(_session_ended, sender=UserSession, dispatch_uid="audit-session-ended")
    post_delete.connect(_user_deleted, sender=get_user_model(), dispatch_uid="audit-user-deleted")


def purge_expired() -> int:
    """Delete events older than SIGN_IN_AUDIT_DAYS (the daily job); returns how many."""
    cutoff = timezone.now() - timedelta(days=settings.SIGN_IN_AUDIT_DAYS)
    deleted, _ = SignInEvent.objects.filter(at__lt=cutoff).delete()
    return deleted
