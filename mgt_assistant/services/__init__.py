"""Use cases: each takes the request's database session, calls the domain and owns the commit.

A service checks its input, runs the pure core, saves through ``db``, adds the
audit row in the same transaction as the change and returns the Swedish message
the user sees. ``web`` and ``cli`` call these and nothing below them.
"""
