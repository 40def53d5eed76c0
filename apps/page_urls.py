"""Every page route.

/ and /w/<workspace>/ are the workspaces' pages, /w/<workspace>/<architecture>/...
the architectures', /jobs/ the background jobs'; login, signup and tokens sit at
the top level.
"""

from django.urls import include, path

urlpatterns = [
    path("", include("apps.accounts.urls")),
    path("", include("apps.workspaces.urls")),
    path("jobs/", include("apps.jobs.urls")),
    path("", include("apps.validation.urls")),
    path("", include("apps.diagrams.urls")),
    path("", include("apps.exports.urls")),
    path("", include("apps.history.urls")),
    path("", include("apps.comments.urls")),
    path("w/<slug:workspace>/", include("apps.architectures.urls")),
]
