"""ASGI entry point: the app and its live event streams (server-sent events) in one server.

Production runs several worker processes on one PostgreSQL database; live events cross
processes through LISTEN/NOTIFY (see deliberation/core/events.py and live.py):

    DEBUG=false SECRET_KEY=... ALLOWED_HOSTS=charter.example.org \\
    CSRF_TRUSTED_ORIGINS=https://charter.example.org \\
    DATABASE_URL='postgres://charter@127.0.0.1:5432/charter?pool=true' \\
    python manage.py collectstatic --noinput && \\
    gunicorn deliberation.asgi:application -k uvicorn_worker.UvicornWorker --workers 3 \\
        --bind 127.0.0.1:8000 --no-control-socket --graceful-timeout 5

- One worker per core, plus one: the work is CPU in the workers, and each worker holds every
  stream it was given at no cost between events. `?pool=true` (psycopg's pool) bounds each
  worker's database connections; under ASGI every request runs in its own thread, and without
  a pool a burst opens one connection per request in flight.
- `--graceful-timeout`: event streams never end by themselves; on restart the browsers
  reconnect with Last-Event-ID and miss nothing.
- Static files are served by whitenoise (compressed, cache-busted names) from STATIC_ROOT.
- Behind a proxy: pass X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER) and don't buffer
  `/live/` responses (nginx: the app already sends `X-Accel-Buffering: no`). Each open page
  holds one HTTP connection: over HTTP/1.1 a browser allows six per site, so serve HTTP/2 at
  the proxy if people open many tabs.

`manage.py runserver` (WSGI, `make run`) also serves the streams, by polling.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deliberation.settings")
application = get_asgi_application()
