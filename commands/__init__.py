"""Click commands, one module per family, imported lazily by ``govkg.cli``."""
