"""Sample articles and example configs, shipped as package data (``importlib.resources.files("seeds")``)."""
