"""Forms of the account pages: signing up and creating an API token."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.contrib.auth.forms import UserCreationForm

from .models import ApiToken
from .services import expiry_at_end_of, expiry_in_days, expiry_problem

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
    expires_on = forms.DateField(
        label="Or valid until",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The last day it works, instead of a number of days.",
    )

    def clean_expires_on(self):
        day = self.cleaned_data["expires_on"]
        problem = expiry_problem(expiry_at_end_of(day)) if day else None
        if problem:
            raise forms.ValidationError(problem)
        return day

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("expires_in") and cleaned.get("expires_on"):
            self.add_error("expires_on", "Choose a number of days or a date, not both.")
        return cleaned

    def expires_at(self) -> datetime | None:
        if self.cleaned_data.get("expires_on"):
            return expiry_at_end_of(self.cleaned_data["expires_on"])
        days = self.cleaned_data.get("expires_in")
        return expiry_in_days(days) if days else None
