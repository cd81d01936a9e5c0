# Production image: gunicorn serves the app; the same image runs migrate, the Celery worker and beat
# (docker-compose.yml). tests/commissioning/test_image.py replays every COPY and build step of this file.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 VAR_DIR=/var/lib/commissioning
# WeasyPrint needs Pango; fonts for the PDF packs.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home /app --uid 10001 commissioning \
 && mkdir -p /var/lib/commissioning && chown commissioning /var/lib/commissioning

WORKDIR /app
# The pinned dependencies, read from pyproject.toml alone: this layer is rebuilt only when the pins change,
# and nothing here names the apps, so a new app cannot be forgotten.
COPY pyproject.toml ./
RUN pip install --upgrade pip \
 && python -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies'], sep='\n')" > /tmp/requirements.txt \
 && pip install -r /tmp/requirements.txt \
 && rm /tmp/requirements.txt
# The whole source (.dockerignore keeps out the virtualenv, var/, .git and the tests' output). Installed in
# place (editable), so every process imports the one copy under /app, whatever its working folder.
COPY . .
RUN pip install --no-deps --editable .
# Static files are built into the image (WhiteNoise serves them, compressed and fingerprinted).
RUN DEBUG=off SECRET_KEY=collectstatic-only python manage.py collectstatic --no-input -v0 \
 && mkdir -p /var/lib/commissioning/media && chown -R commissioning /var/lib/commissioning

USER commissioning
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"
CMD ["gunicorn", "commissioning.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-", \
     "--limit-request-line", "8190", "--limit-request-fields", "100", "--limit-request-field_size", "8190"]
