# Production image: gunicorn with uvicorn workers serving designer.asgi (HTTP and
# WebSocket); the same image runs the Celery worker.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=designer.settings.production

# Graphviz's `dot` renders the architecture diagrams.
RUN apt-get update \
    && apt-get install -y --no-install-recommends graphviz \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, so code changes do not reinstall them.
COPY requirements.txt ./
RUN pip install -r requirements.txt

# Only what the server runs (sources, tests and tooling stay out of the image).
COPY manage.py ./
COPY designer ./designer
COPY apps ./apps
COPY microservices ./microservices
COPY templates ./templates
COPY static ./static
COPY examples ./examples
COPY docker/entrypoint.sh ./docker/entrypoint.sh

# Collected at build time; production settings insist on a key and hosts,
# which play no part in collecting files.
RUN SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput -v0

RUN useradd --system --create-home --uid 10001 designer \
    && mkdir -p var \
    && chown designer:designer var
USER designer

EXPOSE 8000
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["web"]
