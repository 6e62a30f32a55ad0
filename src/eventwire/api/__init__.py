"""The REST API and the dashboard (`eventwire serve`; needs the `serve` extra).

`create_app(db=..., token=...)` builds the FastAPI app: `routes` (events, one event,
points, counts), `ingest` (`POST /api/articles`), `errors` (the one table of error
classes to HTTP statuses), `access` (read-only store, exclusive writes), `params` (query
parameters), `streaming` (export writers as response bodies).
"""

from eventwire.api.app import create_app

__all__ = ["create_app"]
