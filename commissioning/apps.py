from django.apps import AppConfig


class CommissioningConfig(AppConfig):
    name = "commissioning"
    verbose_name = "Commissioning (shared)"

    def ready(self):
        from django.db.models.signals import post_migrate
        from django.urls import register_converter

        from . import (
            middleware,  # noqa: F401 - connects the sign-in stamp for session limits
            pagecache,
            sign_in_audit,
        )
        from .converters import IdConverter

        sign_in_audit.connect()
        # After every migrate, every table that counts (new ones too) records its writes for the page cache.
        post_migrate.connect(pagecache.install, sender=self)

        # Registered before any URLconf is read, so every app's urls.py can use `<id:pk>`.
        register_converter(IdConverter, "id")
