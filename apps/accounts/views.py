"""Account pages: log in and out, sign up, and the API tokens of the signed-in user."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from apps.workspaces.selectors import token_events_of

from .forms import SignupForm, TokenForm
from .models import ApiToken
from .services import create_account, create_token, revoke_token

RECENT_TOKEN_EVENTS = 20


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user, workspace = create_account(
            username=form.cleaned_data["username"], password=form.cleaned_data["password1"]
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome! {workspace.name} is yours: start an architecture.")
        return redirect("workspace", workspace.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/signup.html", {"form": form}, status=status)


def _tokens_page(request: HttpRequest, form: TokenForm, status: int = 200, **extra):
    context = {
        "form": form,
        "tokens": ApiToken.objects.filter(user=request.user),
        "events": token_events_of(request.user)[:RECENT_TOKEN_EVENTS],
        **extra,
    }
    return render(request, "accounts/tokens.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _tokens_page(request, TokenForm())
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _tokens_page(request, form, status=400)
    token, key = create_token(
        actor=request.user, name=form.cleaned_data["name"], expires_at=form.expires_at()
    )
    # Shown in this response only: the key is never stored, so it cannot be shown again.
    response = _tokens_page(request, TokenForm(), new_token=token, new_key=key)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    if revoke_token(actor=request.user, token=token):
        messages.success(request, f"Token {token.name} revoked: it no longer opens the API.")
    else:
        messages.info(request, f"Token {token.name} was revoked already.")
    return redirect("tokens")
