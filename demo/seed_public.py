"""Demo County Council's subscribers to its boards' publications (demo/data/meetings.yaml `publication`),
through the public site's services: one confirmed its link, one has still to."""

from public import services


def subscribe(boards: dict, subscribers: list[dict], now) -> None:
    for entry in subscribers:
        subscription = services.request_subscription(board=boards[entry["board"]], email=entry["email"])
        if entry["confirmed"]:
            services.confirm_subscription(subscription=subscription)
