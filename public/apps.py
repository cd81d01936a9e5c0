from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "public"
    verbose_name = "The public site"

    def ready(self):
        from meetings.services import published

        from .services import notify_subscribers

        # Subscribers hear of each publication from the transaction that publishes it (the outbox).
        published.connect(notify_subscribers, dispatch_uid="public.notify_subscribers")
