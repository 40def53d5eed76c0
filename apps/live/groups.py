"""Names shared by the consumer and the code that broadcasts to it."""


def architecture_group(architecture_id: int) -> str:
    """The channel-layer group of everyone viewing one architecture's pages."""
    return f"architecture-{architecture_id}"
