"""The web front end: server-rendered pages and the JSON API, both thin over the services."""
