"""A shared cache (Redis) that fails is left alone for a while, so that one that is down does not hold every
request up by its timeout; the start and the end of a failure are logged once each. Used by the page cache
(commissioning.pagecache) and the API's rate limits (api.throttling)."""

import time


class RestsAfterFailure:
    """Subclasses name their `logger` and what to log when the cache fails (`failing`, given the error) and
    when it answers again (`answering`)."""

    RETRY_AFTER = 30
    failed_at = None
    logger = None
    failing = "The cache failed (%s)"
    answering = "The cache answers again"

    def usable(self) -> bool:
        """Whether to try the cache: it has not failed in the last RETRY_AFTER seconds."""
        return self.failed_at is None or time.monotonic() - self.failed_at >= self.RETRY_AFTER

    def failed(self, error) -> None:
        if self.failed_at is None:
            self.logger.warning(self.failing, error)
        self.failed_at = time.monotonic()

    def answered(self) -> None:
        if self.failed_at is not None:
            self.logger.warning(self.answering)
            self.failed_at = None
