"""Workspace pages. Names are not namespaced: settings.LOGIN_REDIRECT_URL is 'home'."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("workspaces/new/", views.new_workspace, name="workspace-new"),
    path("w/<slug:workspace>/", views.workspace_page, name="workspace"),
]
