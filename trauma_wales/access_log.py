"""gunicorn's access log, without the address of anyone answering a feedback round.

Feedback rounds are anonymous (voices): the database keeps no address, so neither does
our own log. On lines for the public feedback pages (/f/...), every value that holds the
client's address, a forwarded address or the browser (whichever of gunicorn's atoms
carries it: %(h)s, %(a)s, a header's or an environment variable's) reads "-"; every other
line is gunicorn's own. `logger_class` in gunicorn.conf.py names this class.
"""

from gunicorn.glogging import Logger

ANONYMOUS_PATHS = ("/f/",)
IDENTIFYING = ("REMOTE_ADDR", "HTTP_USER_AGENT", "HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP")


class AnonymousFeedbackLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        if not environ.get("PATH_INFO", "").startswith(ANONYMOUS_PATHS):
            return atoms
        secrets = [environ[key] for key in IDENTIFYING if environ.get(key)]
        secrets += [
            value
            for key, value in atoms.items()
            if key in ("{user-agent}i", "{x-forwarded-for}i", "{x-real-ip}i") and value
        ]
        for key, value in atoms.items():
            if isinstance(value, str) and any(secret in value for secret in secrets):
                atoms[key] = "-"
        return atoms
