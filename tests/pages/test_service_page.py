"""The service page says which services share its datastore instance."""

import pytest

from apps.architectures.concepts import SERVICES
from apps.architectures.models import Service
from apps.architectures.services import save_object
from microservices.spec.model import ServiceFields

pytestmark = pytest.mark.django_db


def test_the_service_page_names_the_services_sharing_its_datastore(client_for, owner, architecture):
    for name in ("order-service", "inventory-service"):
        service = Service.objects.get(architecture=architecture, name=name)
        save_object(
            actor=owner,
            architecture=architecture,
            concept=SERVICES,
            data=ServiceFields(name=name, datastore="shop-db"),
            instance=service,
        )
    page = client_for(owner).get(f"/w/acme/{architecture.slug}/services/order-service/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "shop-db" in text and "shared with" in text
    assert f'/w/acme/{architecture.slug}/services/inventory-service/"' in text
