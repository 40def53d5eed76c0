"""Errors outside API views: JSON in the API's one shape under /api/, pages elsewhere."""

import pytest

pytestmark = pytest.mark.django_db


def test_an_unknown_api_url_answers_in_the_api_error_shape(api_client_for, owner):
    response = api_client_for(owner).get("/api/no-such-thing/")
    assert response.status_code == 404
    assert response.json() == {
        "status": 404,
        "code": "not_found",
        "detail": "Not found.",
        "errors": [],
    }


def test_an_unknown_page_answers_with_a_page(client_for, owner):
    response = client_for(owner).get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert response["Content-Type"].startswith("text/html")


def test_a_viewer_sees_why_a_page_is_forbidden(client_for, viewer, architecture):
    response = client_for(viewer).get(f"/w/acme/{architecture.slug}/edit/")
    assert response.status_code == 403
    assert b"Not allowed" in response.content
