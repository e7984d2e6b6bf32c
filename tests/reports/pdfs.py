"""Getting a board report PDF in a test as a person gets it: the first request finds no PDF
for the report as it stands, queues one and shows "being prepared"; the worker makes it
(here the render task runs when the request's transaction would have committed: tasks run
at once in tests); the next request downloads it."""

from django.test import TestCase


def pdf_download(client, url):
    with TestCase.captureOnCommitCallbacks(execute=True):
        first = client.get(url)
    if first.status_code != 200:
        return first
    assert first["Content-Type"].startswith("text/html"), "served before it was made?"
    return client.get(url)
