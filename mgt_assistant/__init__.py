"""MGT-assistenten: needs mapping and parallel plans for myndighetsgemensamma kartläggningsteam."""

__version__ = "0.1.0"
