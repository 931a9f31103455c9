"""The web reader and HTTP API (``newsgraph serve``): FastAPI + Jinja2 over a store, no JavaScript."""

from newsgraph.web.app import create_app

__all__ = ["create_app"]
