"""WebSocket URLs, served by designer.asgi."""

from django.urls import path

from .consumers import ArchitectureConsumer

websocket_urlpatterns = [
    path("ws/architectures/<int:architecture_id>/", ArchitectureConsumer.as_asgi()),
]
