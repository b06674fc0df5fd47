"""Persistence: SQLModel tables, the engine, migrations and the small query helpers."""
