"""Headless Chromium for the browser tests (Debian's chromium and chromium-driver, selenium),
reaching only this computer; the test is skipped, saying what to install, where it cannot run."""

from __future__ import annotations

import shutil

import pytest


def chromium(window: str, *, bypass: str = "<-loopback>"):  # type: ignore[no-untyped-def]
    """A headless Chromium driver with a ``window`` ("WIDTHxHEIGHT" as "W,H") and every
    address but ``bypass`` sent to a dead proxy, so nothing outside is ever fetched."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not browser or not driver:
        pytest.skip(
            "Chromium or chromedriver is not installed (apt-get install chromium chromium-driver)"
        )
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        f"--window-size={window}",
        "--proxy-server=127.0.0.1:9",
        f"--proxy-bypass-list={bypass}",
    ):
        options.add_argument(flag)
    return webdriver.Chrome(options=options, service=webdriver.ChromeService(driver))
