"""Workspace pages. Names are not namespaced: settings.LOGIN_REDIRECT_URL is 'home'.

The members and audit pages sit at /w/<workspace>/members/ and /w/<workspace>/audit/,
before the architectures' /w/<workspace>/<architecture>/ (see apps/page_urls.py).
"""

from django.urls import path

from . import audit_views, member_views, views

W = "w/<slug:workspace>/"
MEMBER = W + "members/<str:username>/"

urlpatterns = [
    path("", views.home, name="home"),
    path("workspaces/new/", views.new_workspace, name="workspace-new"),
    path(W, views.workspace_page, name="workspace"),
    path(W + "members/", member_views.members_page, name="workspace-members"),
    path(W + "members/invite/", member_views.invite, name="workspace-invite"),
    path(W + "members/leave/", member_views.leave, name="workspace-leave"),
    path(MEMBER + "role/", member_views.change_member_role, name="workspace-member-role"),
    path(MEMBER + "remove/", member_views.remove, name="workspace-member-remove"),
    path(W + "audit/", audit_views.audit_page, name="workspace-audit"),
]
