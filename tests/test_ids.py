"""One id parser for request values, and `<id:>` in URLs: odd ids are "not found", never
a server error (a digit like "²" that int() refuses, or a number too big for the database)."""

import pytest
from django.urls import reverse

from trauma_wales.ids import MAX_ID, parse_id


@pytest.mark.parametrize(
    ("value", "expected"),
    [("7", 7), (" 42 ", 42), (str(MAX_ID), MAX_ID), (12, 12)]
    + [
        (odd, None)
        for odd in [
            "",
            None,
            "0",
            "-1",
            "²",
            "١٢",
            "1e3",
            "3.0",
            "12a",
            str(MAX_ID + 1),
            "9" * 40,
            "\x00",
            "<script>",
        ]
    ],
)
def test_parse_id(value, expected):
    assert parse_id(value) == expected


def test_a_twenty_digit_id_in_a_url_is_not_found(lead_client, organisation):
    url = reverse("assessments:hub", args=[organisation.slug, 1])
    response = lead_client.get(url.replace("/1/", "/" + "9" * 20 + "/"))
    assert response.status_code == 404
