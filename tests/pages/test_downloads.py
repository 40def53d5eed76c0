"""Downloading an architecture's spec."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from apps.architectures.selectors import architecture_spec
from microservices.spec import architecture_to_data, dump_architecture

pytestmark = pytest.mark.django_db


def download_url(architecture, fmt: str) -> str:
    args = [architecture.workspace.slug, architecture.slug, fmt]
    return reverse("architectures:download", args=args)


def test_the_yaml_download_is_the_architecture_s_spec(architecture, viewer, client_for):
    response = client_for(viewer).get(download_url(architecture, "yaml"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/yaml; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="e-commerce-platform.yaml"'
    assert response.content.decode() == dump_architecture(architecture_spec(architecture))


def test_the_json_download_is_the_same_spec(architecture, viewer, client_for):
    response = client_for(viewer).get(download_url(architecture, "json"))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="e-commerce-platform.json"'
    assert json.loads(response.content) == architecture_to_data(architecture_spec(architecture))


def test_other_formats_do_not_exist(architecture, viewer, client_for):
    assert client_for(viewer).get(download_url(architecture, "xml")).status_code == 404


def test_an_outsider_cannot_download(architecture, outsider, client_for):
    assert client_for(outsider).get(download_url(architecture, "yaml")).status_code == 404
