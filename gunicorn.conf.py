"""Gunicorn settings for the app processes (scripts/serve, and any deployment).

`gunicorn -c gunicorn.conf.py`. Each value can be changed through the environment; the
defaults suit a small machine behind a load balancer or reverse proxy that ends TLS.
Scale out by running more of these processes, on this machine or others: they share
nothing but the database (README, "Operating it").
"""

import os

wsgi_app = "trauma_wales.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
# Sync workers: each serves one request at a time. About two per core.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# The board report's PDF takes a few seconds to render; nothing else comes close.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# Restart each worker now and then, so that a slow leak cannot grow for ever.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = 100
# Trust X-Forwarded-* only from the proxy in front (comma-separated addresses).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Access log to stdout: time, client, request, status, bytes, milliseconds, and the request
# id the app set (trauma_wales.request_id), to find the same request in the app's log.
accesslog = "-"
errorlog = "-"
access_log_format = '%(t)s %(h)s "%(r)s" %(s)s %(B)s %(M)sms request_id=%({x-request-id}o)s'
# The same, but with no address on the lines of anonymous feedback pages (voices).
logger_class = "trauma_wales.access_log.AnonymousFeedbackLogger"
