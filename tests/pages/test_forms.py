"""Forms generated from the spec model: fields, bounds, nesting and where errors go."""

from __future__ import annotations

from django import forms

from apps.architectures.concepts import BY_KEY
from apps.architectures.forms import DeploymentForm, form_for, spec_form_class
from microservices.spec import model as spec


def test_numbers_get_their_bounds_from_the_spec_as_html_min_and_max():
    html = str(form_for(BY_KEY["circuit-breakers"])()["failure_threshold"])
    assert 'type="number"' in html and 'min="1"' in html and 'max="10000"' in html


def test_fields_take_the_form_the_spec_type_calls_for():
    fields = form_for(BY_KEY["services"]).base_fields
    assert isinstance(fields["name"], forms.CharField) and fields["name"].required
    assert isinstance(fields["description"].widget, forms.Textarea)
    assert not fields["domain"].required
    methods = form_for(BY_KEY["endpoints"]).base_fields["methods"]
    assert isinstance(methods, forms.MultipleChoiceField)
    assert isinstance(methods.widget, forms.CheckboxSelectMultiple)
    assert methods.initial == ["GET"]
    unit = form_for(BY_KEY["slos"]).base_fields["unit"]
    assert unit.choices[0] == ("", "—") and not unit.required


def test_nested_objects_are_flattened_with_their_path_as_the_column_names():
    fields = form_for(BY_KEY["deployment"]).base_fields
    assert list(fields) == [
        "strategy",
        "canary_initial_percentage",
        "canary_increment",
        "canary_pause_duration_minutes",
        "canary_metrics_based",
    ]
    assert not fields["canary_increment"].required  # required only once the block is used


def test_service_references_suggest_the_architecture_s_services():
    form = form_for(BY_KEY["dependencies"])(service_names=["a-service", "b-service"])
    assert 'list="service-names"' in str(form["service"])
    assert form.has_service_references and form.service_names == ["a-service", "b-service"]
    assert "placeholder" in form.fields["service"].help_text


def test_a_valid_form_gives_the_validated_spec_object():
    form = form_for(BY_KEY["gateways"])(
        {"name": "edge", "authentication_type": "oauth2", "authentication_issuer": "auth-service"}
    )
    assert form.is_valid(), form.errors
    assert form.spec_object == spec.GatewayFields(
        name="edge", authentication=spec.Authentication(type="oauth2", issuer="auth-service")
    )


def test_an_optional_block_left_empty_is_none():
    form = form_for(BY_KEY["gateways"])({"name": "edge"})
    assert form.is_valid(), form.errors
    assert form.spec_object.authentication is None and form.spec_object.rate_limiting is None


def test_the_deployment_form_drops_canary_settings_for_other_strategies():
    form = DeploymentForm({"strategy": "rolling", "canary_initial_percentage": "junk"})
    assert form.is_valid(), form.errors
    assert form.spec_object == spec.Deployment(strategy="rolling")


def test_errors_inside_a_list_say_which_line():
    form = form_for(BY_KEY["services"])({"name": "svc", "responsibilities": "ok\n\n" + "x" * 300})
    assert not form.is_valid()
    assert form.errors["responsibilities"][0].startswith("line 2: ")


def test_initial_values_come_from_the_object_s_spec_data():
    form = DeploymentForm(
        instance_data={"strategy": "canary", "canary": {"initial_percentage": 5, "increment": 5}}
    )
    assert form["strategy"].value() == "canary"
    assert form["canary_initial_percentage"].value() == 5


def test_any_spec_class_makes_a_form_and_fields_can_be_left_out():
    form_class = spec_form_class(spec.RetryPolicy, exclude=["initial_backoff_ms"])
    assert "initial_backoff_ms" not in form_class.base_fields
    form = form_class(
        {"service": "x", "max_attempts": "3", "backoff_multiplier": "2", "max_backoff_ms": "500"}
    )
    assert form.is_valid(), form.errors
    assert form.spec_object.initial_backoff_ms == 100  # the spec's default
