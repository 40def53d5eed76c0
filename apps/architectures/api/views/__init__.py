"""The REST API's views of architectures, their specs and every concept inside them."""
