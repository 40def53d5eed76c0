"""The same broadcast through the Redis channel layer production uses."""

import pytest
from channels.layers import get_channel_layer
from channels_redis.core import RedisChannelLayer

from tests.services import broker_key_prefix

from .scenarios import change_seen_by_a_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def redis_channel_layer(settings):
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            # Apart from a running server's groups and from parallel test processes.
            "CONFIG": {"hosts": [settings.CELERY_BROKER_URL], "prefix": broker_key_prefix()},
        }
    }
    assert isinstance(get_channel_layer(), RedisChannelLayer)


def test_a_member_hears_a_change_through_redis(redis_channel_layer, editor, owner, architecture):
    message, revision = change_seen_by_a_member(editor, owner, architecture)

    assert message["revision"] == revision
    assert message["actor"] == owner.username
