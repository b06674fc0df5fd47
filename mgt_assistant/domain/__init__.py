"""The pure domain core: needs, rules, recommendations and plans.

Nothing in this package imports FastAPI, Starlette, Jinja or the database.
"""
