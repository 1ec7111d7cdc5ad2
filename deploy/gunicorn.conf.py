"""gunicorn settings of an app node (deploy/compose.yaml; `gunicorn -c deploy/gunicorn.conf.py portal.wsgi`).

Sync workers: every request is short (pages are server-rendered from indexed queries or the shared cache),
and persistent database connections (CONN_MAX_AGE) pay off per worker. Values come from the environment
so the same file fits a 2-core VM and a larger one.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = 1
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then, so a slow leak in a library never grows without bound.
max_requests = 2000
max_requests_jitter = 200
# Uploads are read by Django (size-limited); the proxy buffers slow clients.
limit_request_line = 8190
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*")  # only the proxy reaches the nodes
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
