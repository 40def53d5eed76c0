"""Team smells (MS251-MS254): tiers, coupled teams, shared datastores, unowned services."""

from __future__ import annotations

from microservices.validation.rules.teams import keeps_data

from .helpers import findings, spec, subjects, svc


def test_a_service_keeps_data_with_a_datastore_or_a_database_technology():
    service = spec(
        services=[
            svc("a", datastore="a-db"),
            svc("b", technologies={"database": "postgresql"}),
            svc("c", technologies={"language": "go"}),
        ]
    ).services
    assert [keeps_data(s) for s in service] == [True, True, False]


# --- MS251 single-layer teams ------------------------------------------------------


def test_a_front_tier_team_calling_a_data_tier_team_is_reported():
    arch = spec(
        services=[
            svc("web", "orders-store", "users-store", owner="frontend"),
            svc("bff", "orders-store", owner="frontend"),
            svc("orders-store", owner="dba", datastore="orders-db"),
            svc("users-store", owner="dba", technologies={"database": "mysql"}),
        ]
    )
    found = findings(arch, "MS251")
    assert subjects(found) == [["team:frontend", "team:dba"]]
    assert found[0].data["calls"] == ["bff->orders-store", "web->orders-store", "web->users-store"]
    assert found[0].message == (
        "Team frontend owns only services without a datastore (2) and calls team dba, which "
        "owns only services with one (2), 3 time(s) synchronously: the teams are split by "
        "technical tier"
    )


def test_teams_owning_whole_capabilities_are_not_single_layer():
    arch = spec(
        services=[
            # orders owns its front and its data; it calls payments, which does the same.
            svc("orders-api", "orders-store", "payments-api", owner="orders"),
            svc("orders-store", owner="orders", datastore="orders-db"),
            svc("payments-api", owner="payments"),
            svc("payments-store", owner="payments", datastore="payments-db"),
            # A stateless team calling the data team asynchronously is not tier coupling.
            svc("web", "data", mode="async", owner="web"),
            svc("data", owner="data", datastore="data-db"),
        ]
    )
    assert findings(arch, "MS251") == []


# --- MS252 tightly coupled teams ---------------------------------------------------


def test_teams_with_many_sync_calls_between_them_are_tightly_coupled():
    arch = spec(
        services=[
            svc("a1", "b1", "b2", owner="alpha"),
            svc("a2", "b1", owner="alpha"),
            svc("b1", "a1", owner="beta"),
            svc("b2", "a2", "a1", owner="beta"),
        ]
    )
    found = findings(arch, "MS252", max_calls=5)
    assert subjects(found) == [["team:alpha", "team:beta"]]
    assert found[0].message == (
        "Teams alpha and beta are coupled by 6 synchronous calls (3 from alpha, 3 from beta), "
        "over the limit of 5"
    )


def test_calls_within_a_team_or_async_calls_do_not_couple_teams():
    arch = spec(
        services=[svc(f"a{i}", f"a{i + 1}", owner="alpha") for i in range(8)]
        + [svc(f"x{i}", "a0", mode="async", owner="beta") for i in range(8)]
    )
    assert findings(arch, "MS252") == []


# --- MS253 datastore used by more than one team ------------------------------------


def test_a_datastore_used_by_two_teams_names_the_teams_and_their_services():
    arch = spec(
        services=[
            svc("orders", owner="shop", datastore="main-db"),
            svc("carts", owner="shop", datastore="main-db"),
            svc("reports", owner="bi", datastore="main-db"),
            svc("loner", owner="bi", datastore="bi-db"),
        ]
    )
    found = findings(arch, "MS253")
    assert subjects(found) == [["datastore:main-db", "team:bi", "team:shop"]]
    assert found[0].message == (
        "Datastore main-db is used by services of 2 teams: bi (reports); shop (carts, orders)"
    )


def test_a_datastore_shared_within_one_team_is_not_a_team_smell():
    arch = spec(
        services=[
            svc("orders", owner="shop", datastore="main-db"),
            svc("carts", owner="shop", datastore="main-db"),
            svc("stray", datastore="main-db"),
        ]
    )
    assert findings(arch, "MS253") == []


# --- MS254 services without an owner -----------------------------------------------


def test_defined_services_without_an_owner_are_reported_but_not_placeholders():
    arch = spec(services=[svc("a", "ghost"), svc("b", owner="team-b")])
    found = findings(arch, "MS254")
    assert subjects(found) == [["service:a"]]
    assert found[0].message == "a has no owner team"


def test_owned_services_are_clean():
    assert findings(spec(services=[svc("a", owner="team-a")]), "MS254") == []
