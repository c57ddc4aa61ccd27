"""A live workshop: one bank, many participants answering at once, server-side sessions.

Pure core (no aiohttp, no Textual): :mod:`readiness.web` serves it to browsers, the terminal
live view watches it. See :class:`readiness.workshop.room.Workshop`.
"""
