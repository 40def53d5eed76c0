"""Diagram pages, under /w/<workspace>/<architecture>/diagrams/ (see apps/page_urls.py)."""

from django.contrib.auth.decorators import login_required
from django.urls import path

from . import views

app_name = "diagrams"

D = "w/<slug:workspace>/<slug:architecture>/diagrams/"


def page(route: str, view, name: str):
    return path(route, login_required(view), name=name)


urlpatterns = [
    page(D, views.diagram_page, name="index"),
    page(D + "services.json", views.service_links, name="services"),
    page(D + "jobs/<int:pk>/status/", views.render_status, name="render-status"),
    page(D + "review-pack/", views.request_review_pack, name="review-pack"),
    page(D + "review-pack/card/", views.review_pack_card, name="review-pack-card"),
    page(D + "review-pack/<int:pk>.pdf", views.review_pack_pdf, name="review-pack-pdf"),
    page(D + "<slug:view>/", views.diagram_page, name="view"),
    page(D + "<slug:view>.<slug:fmt>", views.download, name="download"),
]
