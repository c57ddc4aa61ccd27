"""Group results: aggregate, agreement, role gaps, compare."""
