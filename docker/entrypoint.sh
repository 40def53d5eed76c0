#!/bin/sh
# Container entry point.
#   web        apply migrations, load the demo when LOAD_DEMO=1, then serve designer.asgi
#              (HTTP and WebSocket) with gunicorn's uvicorn workers
#   worker     run the Celery worker
#   healthcheck-web  exit 0 when the web server answers
#   anything else is run as given (e.g. `python manage.py createsuperuser`)
set -eu

case "${1:-web}" in
    web)
        python manage.py migrate --noinput
        if [ "${LOAD_DEMO:-0}" = "1" ]; then
            python manage.py setup_demo
        fi
        exec gunicorn designer.asgi:application \
            --worker-class uvicorn_worker.UvicornWorker \
            --bind "0.0.0.0:${PORT:-8000}" \
            --workers "${GUNICORN_WORKERS:-3}" \
            --timeout "${GUNICORN_TIMEOUT:-60}" \
            --access-logfile -
        ;;
    worker)
        exec celery -A designer worker --loglevel "${CELERY_LOG_LEVEL:-info}" \
            --concurrency "${CELERY_CONCURRENCY:-2}"
        ;;
    healthcheck-web)
        # Up means any answer below 500: the home page may redirect to the login
        # page, which is not followed. The header stands in for the TLS proxy,
        # so that SECURE_SSL_REDIRECT does not send the check to https.
        exec python - <<'PY'
import os
import sys
import urllib.error
import urllib.request


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


url = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/"
request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
try:
    urllib.request.build_opener(NoRedirect).open(request, timeout=5)
except urllib.error.HTTPError as error:
    sys.exit(error.code >= 500)
except OSError:
    sys.exit(1)
PY
        ;;
    *)
        exec "$@"
        ;;
esac
