"""The browser mode (``readiness serve``): the Textual app through textual-serve.

``readiness.web.server`` imports textual-serve and aiohttp; only ``readiness serve`` imports it,
and only when it runs, so ``readiness --help`` and the headless commands stay light.
"""
