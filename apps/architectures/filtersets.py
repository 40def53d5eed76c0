"""Filters for services, shared by the architecture page and the API."""

import django_filters
from django.db.models import Q

from .models import Service


class ServiceFilterSet(django_filters.FilterSet):
    name = django_filters.CharFilter(field_name="name", help_text="Exact service name.")
    domain = django_filters.CharFilter(field_name="domain", help_text="Exact domain.")
    owner = django_filters.CharFilter(field_name="owner", help_text="Exact owning team.")
    placeholder = django_filters.BooleanFilter(
        field_name="placeholder", help_text="Only placeholders (true) or defined services (false)."
    )
    search = django_filters.CharFilter(
        method="filter_search", help_text="Part of the name, domain or owner."
    )

    class Meta:
        model = Service
        fields = ["name", "domain", "owner", "placeholder", "search"]

    def filter_search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(domain__icontains=value) | Q(owner__icontains=value)
        )
