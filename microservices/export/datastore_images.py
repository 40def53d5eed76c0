"""Containers that run a service's database locally, by database technology.

Each entry says which image to run, how to configure it, how to tell it is ready
(a healthcheck, so services wait for it) and how a service connects to it. Local
credentials are fixed and only fit a laptop.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LOCAL_USER = "app"
LOCAL_PASSWORD = "app"


@dataclass(frozen=True)
class DatastoreImage:
    image: str
    port: int
    healthcheck: list[str]  # a Compose CMD-SHELL command; `{db}` is the instance's name
    environment: dict[str, str] = field(default_factory=dict)  # may use `{db}`
    connection: dict[str, str] = field(default_factory=dict)  # the service's variables


def _sql(scheme: str, port: int) -> dict[str, str]:
    return {"DATABASE_URL": f"{scheme}://{LOCAL_USER}:{LOCAL_PASSWORD}@{{host}}:{port}/{{db}}"}


POSTGRESQL = DatastoreImage(
    image="postgres:17-alpine",
    port=5432,
    healthcheck=["CMD-SHELL", f"pg_isready -U {LOCAL_USER} -d {{db}}"],
    environment={
        "POSTGRES_DB": "{db}",
        "POSTGRES_USER": LOCAL_USER,
        "POSTGRES_PASSWORD": LOCAL_PASSWORD,
    },
    connection=_sql("postgresql", 5432),
)
MYSQL = DatastoreImage(
    image="mysql:8.4",
    port=3306,
    healthcheck=["CMD-SHELL", f"mysqladmin ping -h 127.0.0.1 -u{LOCAL_USER} -p{LOCAL_PASSWORD}"],
    environment={
        "MYSQL_DATABASE": "{db}",
        "MYSQL_USER": LOCAL_USER,
        "MYSQL_PASSWORD": LOCAL_PASSWORD,
        "MYSQL_ROOT_PASSWORD": LOCAL_PASSWORD,
    },
    connection=_sql("mysql", 3306),
)
MARIADB = DatastoreImage(
    image="mariadb:11.4",
    port=3306,
    healthcheck=["CMD-SHELL", "healthcheck.sh --connect --innodb_initialized"],
    environment={
        "MARIADB_DATABASE": "{db}",
        "MARIADB_USER": LOCAL_USER,
        "MARIADB_PASSWORD": LOCAL_PASSWORD,
        "MARIADB_ROOT_PASSWORD": LOCAL_PASSWORD,
    },
    connection=_sql("mysql", 3306),
)
MONGODB = DatastoreImage(
    image="mongo:8.0",
    port=27017,
    healthcheck=["CMD-SHELL", "mongosh --quiet --eval \"db.adminCommand('ping').ok\""],
    connection={"MONGODB_URI": "mongodb://{host}:27017/{db}"},
)
REDIS = DatastoreImage(
    image="redis:7-alpine",
    port=6379,
    healthcheck=["CMD-SHELL", "redis-cli ping | grep PONG"],
    connection={"REDIS_URL": "redis://{host}:6379/0"},
)
CASSANDRA = DatastoreImage(
    image="cassandra:5.0",
    port=9042,
    healthcheck=["CMD-SHELL", "cqlsh -e 'DESCRIBE KEYSPACES'"],
    environment={"CASSANDRA_CLUSTER_NAME": "{db}"},
    connection={"CASSANDRA_CONTACT_POINTS": "{host}:9042"},
)
ELASTICSEARCH = DatastoreImage(
    image="docker.elastic.co/elasticsearch/elasticsearch:8.17.0",
    port=9200,
    healthcheck=["CMD-SHELL", "curl -fs http://localhost:9200/_cluster/health"],
    environment={
        "discovery.type": "single-node",
        "xpack.security.enabled": "false",
        "ES_JAVA_OPTS": "-Xms512m -Xmx512m",
    },
    connection={"ELASTICSEARCH_URL": "http://{host}:9200"},
)
DYNAMODB = DatastoreImage(
    image="amazon/dynamodb-local:2.5.4",
    port=8000,
    # The image has no HTTP client; bash's /dev/tcp tells whether the port listens.
    healthcheck=["CMD-SHELL", "bash -c 'exec 3<>/dev/tcp/127.0.0.1/8000'"],
    connection={"DYNAMODB_ENDPOINT": "http://{host}:8000", "AWS_REGION": "local"},
)

# Database technology, as users spell it, -> its local container.
BY_TECHNOLOGY: dict[str, DatastoreImage] = {
    "postgresql": POSTGRESQL,
    "postgres": POSTGRESQL,
    "mysql": MYSQL,
    "mariadb": MARIADB,
    "mongodb": MONGODB,
    "mongo": MONGODB,
    "redis": REDIS,
    "cassandra": CASSANDRA,
    "elasticsearch": ELASTICSEARCH,
    "dynamodb": DYNAMODB,
}


def datastore_image(technology: str) -> DatastoreImage | None:
    return BY_TECHNOLOGY.get(technology.strip().lower())
