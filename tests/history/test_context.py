"""The change message and token header are taken from WSGI and ASGI requests alike."""

from __future__ import annotations

import pytest
from django.core.signals import request_finished, request_started

from apps.history.context import current, describe_change

# Django closes stale database connections when a request starts and finishes.
pytestmark = pytest.mark.django_db


def test_it_reads_the_change_message_of_a_wsgi_request():
    request_started.send(sender=None, environ={"HTTP_X_CHANGE_MESSAGE": " Split billing "})
    try:
        assert current().message == "Split billing"
    finally:
        request_finished.send(sender=None)
    assert current().message == ""


def test_it_reads_the_change_message_of_an_asgi_request():
    headers = [(b"X-Change-Message", b"Split billing"), (b"authorization", b"Token abc")]
    request_started.send(sender=None, scope={"type": "http", "headers": headers})
    try:
        assert (current().message, current().authorization) == ("Split billing", "Token abc")
    finally:
        request_finished.send(sender=None)


def test_a_described_change_keeps_the_request_s_message_when_given_none():
    request_started.send(sender=None, environ={"HTTP_X_CHANGE_MESSAGE": "From the header"})
    try:
        with describe_change(restored_from=3):
            assert (current().message, current().restored_from) == ("From the header", 3)
        with describe_change(message="Given here"):
            assert current().message == "Given here"
    finally:
        request_finished.send(sender=None)
