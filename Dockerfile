# Production image: gunicorn serves the app; the same image runs the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 VAR_DIR=/var/lib/commissioning
# WeasyPrint needs Pango; fonts for the PDF packs.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home /app --uid 10001 commissioning \
 && mkdir -p /var/lib/commissioning && chown commissioning /var/lib/commissioning

WORKDIR /app
COPY pyproject.toml README.md ./
COPY commissioning ./commissioning
COPY strategies ./strategies
COPY plans ./plans
COPY gateway ./gateway
COPY members ./members
COPY delivery ./delivery
COPY meetings ./meetings
COPY api ./api
COPY demo ./demo
RUN pip install --upgrade pip && pip install .
COPY . .
# Static files are built into the image (WhiteNoise serves them, compressed and fingerprinted).
RUN DEBUG=off SECRET_KEY=collectstatic-only python manage.py collectstatic --no-input -v0 \
 && mkdir -p /var/lib/commissioning/media && chown -R commissioning /var/lib/commissioning

USER commissioning
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"
CMD ["gunicorn", "commissioning.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-", \
     "--limit-request-line", "8190", "--limit-request-fields", "100", "--limit-request-field_size", "8190"]
