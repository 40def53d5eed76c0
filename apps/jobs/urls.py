"""Job pages, under /jobs/."""

from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("import/<slug:workspace>/", views.import_spec_page, name="import"),
    path("<int:pk>/", views.job_detail, name="detail"),
    path("<int:pk>/status/", views.job_status, name="status"),
    path("<slug:workspace>/", views.job_list, name="list"),
]
