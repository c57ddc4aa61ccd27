"""The summary of a result or group, its renderers and tables."""
