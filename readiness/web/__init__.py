"""The workshop's web server (``readiness serve``): participants' pages, served by aiohttp.

Only ``readiness serve`` imports this package, and only when it runs, so ``readiness --help``
and the headless commands stay light. The workshop itself (sessions, results, the join code)
is the pure :mod:`readiness.workshop`; this package renders and routes.
"""
