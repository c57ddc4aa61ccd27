"""Question types: what each allows, and how a value is normalised."""
