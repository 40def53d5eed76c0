"""The validation API's settings: suppressions and per-architecture rule settings."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from apps.architectures.api.locate import architecture_for
from apps.architectures.api.schema import READ_ERRORS, WORKSPACE_PARAMETER, WRITE_ERRORS, bodies
from microservices.spec import SpecValidationError
from microservices.validation import all_rules

from . import schema, services
from .api_base import ArchitectureApiView
from .models import RuleSetting, Suppression

COMMON = {"tags": ["validation"], "parameters": [WORKSPACE_PARAMETER]}


def _body(request) -> dict:
    if not isinstance(request.data, dict):
        raise SpecValidationError.single("the body must be an object")
    return request.data


def _text(body: dict, name: str) -> str:
    value = body.get(name, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise SpecValidationError.single(f"{name} must be a string", (name,))
    return value


def suppression_data(suppression: Suppression) -> dict:
    return {
        "id": suppression.pk,
        "fingerprint": suppression.fingerprint,
        "rule_id": suppression.rule_id,
        "reason": suppression.reason,
        "user": suppression.user.get_username() if suppression.user else None,
        "created_at": suppression.created_at,
    }


def setting_data(setting: RuleSetting) -> dict:
    return {
        "rule_id": setting.rule_id,
        "disabled": setting.disabled,
        "thresholds": setting.thresholds,
        "reason": setting.reason,
        "user": setting.user.get_username() if setting.user else None,
        "updated_at": setting.updated_at,
    }


class SuppressionListView(ArchitectureApiView):
    @extend_schema(
        operation_id="suppression_list",
        summary="List the architecture's suppressed findings",
        responses={200: schema.SuppressionResource, **READ_ERRORS},
        **COMMON,
    )
    def get(self, request, slug: str):
        architecture = architecture_for(request, slug)
        found = Suppression.objects.filter(architecture=architecture).select_related("user")
        return Response([suppression_data(s) for s in found])

    @extend_schema(
        operation_id="suppression_create",
        summary="Suppress a finding (by fingerprint, with a reason)",
        request=bodies(schema.SuppressionCreate),
        responses={201: schema.SuppressionResource, **WRITE_ERRORS},
        **COMMON,
    )
    def post(self, request, slug: str):
        architecture = architecture_for(request, slug)
        body = _body(request)
        suppression = services.suppress(
            actor=request.user,
            architecture=architecture,
            fingerprint=_text(body, "fingerprint"),
            reason=_text(body, "reason"),
        )
        return Response(suppression_data(suppression), status=status.HTTP_201_CREATED)


class SuppressionDetailView(ArchitectureApiView):
    @extend_schema(
        operation_id="suppression_destroy",
        summary="Unsuppress a finding",
        responses={204: None, **WRITE_ERRORS},
        **COMMON,
    )
    def delete(self, request, slug: str, pk: int):
        architecture = architecture_for(request, slug)
        if not services.unsuppress(architecture=architecture, suppression_id=pk):
            raise Http404
        return Response(status=status.HTTP_204_NO_CONTENT)


class RuleSettingListView(ArchitectureApiView):
    @extend_schema(
        operation_id="rule_setting_list",
        summary="List the architecture's rule settings (rules left at their defaults are absent)",
        responses={200: schema.RuleSettingResource, **READ_ERRORS},
        **COMMON,
    )
    def get(self, request, slug: str):
        architecture = architecture_for(request, slug)
        found = RuleSetting.objects.filter(architecture=architecture).select_related("user")
        return Response([setting_data(s) for s in found])


class RuleSettingDetailView(ArchitectureApiView):
    def _rule(self, rule_id: str):
        if rule_id not in all_rules():
            raise Http404(f"there is no rule {rule_id}")
        return rule_id

    @extend_schema(
        operation_id="rule_setting_retrieve",
        summary="Get a rule's setting for the architecture (its defaults when never set)",
        responses={200: schema.RuleSettingResource, **READ_ERRORS},
        **COMMON,
    )
    def get(self, request, slug: str, rule_id: str):
        architecture = architecture_for(request, slug)
        self._rule(rule_id)
        setting = (
            RuleSetting.objects.filter(architecture=architecture, rule_id=rule_id)
            .select_related("user")
            .first()
        )
        if setting is None:
            setting = RuleSetting(architecture=architecture, rule_id=rule_id)
        return Response(setting_data(setting))

    @extend_schema(
        operation_id="rule_setting_update",
        summary="Disable a rule or override its thresholds for the architecture",
        request=bodies(schema.RuleSettingUpdate),
        responses={200: schema.RuleSettingResource, **WRITE_ERRORS},
        **COMMON,
    )
    def put(self, request, slug: str, rule_id: str):
        architecture = architecture_for(request, slug)
        self._rule(rule_id)
        body = _body(request)
        disabled = body.get("disabled", False)
        if not isinstance(disabled, bool):
            raise SpecValidationError.single("disabled must be true or false", ("disabled",))
        setting = services.set_rule_setting(
            actor=request.user,
            architecture=architecture,
            rule_id=rule_id,
            disabled=disabled,
            thresholds=body.get("thresholds") or {},
            reason=_text(body, "reason"),
        )
        return Response(setting_data(setting))

    @extend_schema(
        operation_id="rule_setting_destroy",
        summary="Put a rule back to its defaults for the architecture",
        responses={204: None, **WRITE_ERRORS},
        **COMMON,
    )
    def delete(self, request, slug: str, rule_id: str):
        architecture = architecture_for(request, slug)
        self._rule(rule_id)
        services.reset_rule_setting(architecture=architecture, rule_id=rule_id)
        return Response(status=status.HTTP_204_NO_CONTENT)
