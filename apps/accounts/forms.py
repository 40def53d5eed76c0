"""Forms of the account pages: signing up and creating an API token."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils import timezone

from .models import ApiToken

EXPIRY_CHOICES = [
    ("", "Never"),
    ("7", "In 7 days"),
    ("30", "In 30 days"),
    ("90", "In 90 days"),
    ("365", "In a year"),
]


class SignupForm(UserCreationForm):
    """A username and a password; the account's personal workspace is made with it."""

    class Meta(UserCreationForm.Meta):
        fields = ("username",)


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text="What uses the token, e.g. 'CI pipeline' or 'laptop'.",
    )
    expires_in = forms.TypedChoiceField(
        label="Expires",
        choices=EXPIRY_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )

    def expires_at(self) -> datetime | None:
        days = self.cleaned_data.get("expires_in")
        return timezone.now() + timedelta(days=days) if days else None
