"""Server-rendered pages of architectures and of every concept in them."""
