"""The Python client: every call checks its arguments at once and says which one is wrong."""

from __future__ import annotations

import pytest

from microservices import Microservices, SpecValidationError
from tests.engine.conftest import line_of


@pytest.fixture
def ms() -> Microservices:
    ms = Microservices()
    ms.define_architecture(name="Shop")
    return ms


def test_it_rejects_a_bad_service_name_at_once_and_names_the_argument(ms):
    with pytest.raises(SpecValidationError) as caught:
        ms.create_service(service_name="Order_Service")
    (error,) = caught.value.errors
    assert error.field == "service_name"
    assert "'Order_Service' is not a DNS-1123 label" in error.message
    assert ms.to_spec().services == []


def test_it_rejects_a_wrong_dependency_mode_and_names_the_argument(ms):
    orders = ms.create_service(service_name="order-service")
    with pytest.raises(SpecValidationError) as caught:
        orders.add_dependency("payment-service", "sometimes")
    assert [error.field for error in caught.value.errors] == ["mode"]
    assert orders.add_dependency("payment-service", "async") is orders


def test_it_says_which_item_of_a_list_argument_is_wrong(ms):
    ms.create_service(service_name="order-service")
    with pytest.raises(SpecValidationError) as caught:
        ms.configure_health_checks(
            service_name="order-service",
            checks=[
                {"type": "liveness", "endpoint": "/health", "interval_seconds": 30},
                {"type": "readiness", "endpoint": "/ready", "interval_seconds": 0},
            ],
        )
    assert [error.field for error in caught.value.errors] == ["checks[1].interval_seconds"]


def test_it_names_the_canary_argument_of_a_deployment_strategy(ms):
    ms.create_service(service_name="order-service")
    with pytest.raises(SpecValidationError) as caught:
        ms.define_deployment_strategy(
            "order-service",
            "canary",
            {"initial_percentage": 150, "increment": 5, "pause_duration_minutes": 1},
        )
    assert [e.field for e in caught.value.errors] == ["canary_config.initial_percentage"]


def test_configure_health_checks_on_an_undefined_service_raises_a_clear_error(ms):
    with pytest.raises(SpecValidationError) as caught:
        ms.configure_health_checks(
            service_name="payment-service",
            checks=[{"type": "liveness", "endpoint": "/health", "interval_seconds": 30}],
        )
    assert str(caught.value) == (
        "service 'payment-service' is not defined; call create_service() first"
    )


def test_adding_a_step_to_an_undefined_saga_raises_a_clear_error(ms):
    with pytest.raises(SpecValidationError, match="saga 'checkout' is not defined"):
        ms.add_saga_step("checkout", "step1", "order-service", "create_order")


def test_defining_a_service_twice_is_an_error(ms):
    ms.create_service(service_name="order-service")
    with pytest.raises(SpecValidationError, match="'order-service' is already defined"):
        ms.create_service(service_name="order-service")


def test_it_needs_an_architecture_before_a_spec():
    with pytest.raises(SpecValidationError, match=r"define_architecture\(\) first"):
        Microservices().to_spec()


SPEC_WITH_PLACEHOLDERS = """\
apiVersion: microservices-designer/v1
kind: Architecture
name: Shop
services:
  - name: order-service
    dependencies: [{service: payment-service, mode: sync}]
  - name: payment-service
    placeholder: true
  - name: legacy-service
    placeholder: true
"""


def test_it_drops_placeholders_nothing_references():
    arch = Microservices.from_yaml(SPEC_WITH_PLACEHOLDERS).to_spec()
    assert [(s.name, s.placeholder) for s in arch.services] == [
        ("order-service", False),
        ("payment-service", True),
    ]


def test_it_rejects_a_placeholder_with_attributes():
    text = SPEC_WITH_PLACEHOLDERS.replace(
        "  - name: legacy-service\n", "  - name: legacy-service\n    domain: legacy\n"
    )
    with pytest.raises(SpecValidationError) as caught:
        Microservices.from_yaml(text)
    (error,) = caught.value.errors
    assert error.field == "services[2].placeholder"
    assert "a placeholder carries only its name" in error.message
    assert "found domain" in error.message
    assert error.line == line_of(text, "name: legacy-service") + 2


def test_a_placeholder_is_replaced_by_the_service_once_it_is_defined(ms):
    ms.create_service(service_name="order-service").add_dependency("payment-service")
    assert [s.placeholder for s in ms.to_spec().services] == [False, True]
    ms.create_service(service_name="payment-service", domain="payments")
    assert [s.placeholder for s in ms.to_spec().services] == [False, False]
