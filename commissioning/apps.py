from django.apps import AppConfig


class CommissioningConfig(AppConfig):
    name = "commissioning"
    verbose_name = "Commissioning (shared)"

    def ready(self):
        from django.urls import register_converter

        from . import (
            middleware,  # noqa: F401 - connects the sign-in stamp for session limits
            sign_in_audit,
        )
        from .converters import IdConverter

        sign_in_audit.connect()

        # Registered before any URLconf is read, so every app's urls.py can use `<id:pk>`.
        register_converter(IdConverter, "id")
