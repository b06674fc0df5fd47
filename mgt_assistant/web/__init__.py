"""The web shell: FastAPI routes, one module per area, paired with templates/<area>/."""
