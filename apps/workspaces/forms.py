"""Forms of the workspace pages: a new workspace, inviting a member, changing a role."""

from __future__ import annotations

from django import forms

from .models import Role, Workspace


class WorkspaceForm(forms.Form):
    name = forms.CharField(max_length=Workspace._meta.get_field("name").max_length)
    slug = forms.SlugField(
        max_length=Workspace._meta.get_field("slug").max_length,
        required=False,
        help_text="Its part of page URLs (/w/<slug>/). Made from the name when left empty.",
    )

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if slug and Workspace.objects.filter(slug=slug).exists():
            raise forms.ValidationError("Another workspace already uses this slug.")
        return slug


class InviteForm(forms.Form):
    """Add an existing user; whether they exist is the service's rule (add_member)."""

    user = forms.CharField(
        label="Username or email",
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    role = forms.ChoiceField(choices=Role.choices, initial=Role.VIEWER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)
