"""The participant's page in headless Chromium at a phone's size (390 x 844): a whole quick-bank
journey by tapping, nothing wider than the screen, every button big enough to tap, and
screenshots kept in the folder named by READINESS_SCREENSHOTS (when set) to look at.

Skipped with a clear message where Chromium, its driver or selenium is not installed
(``.ci/run`` installs Debian's chromium and chromium-driver).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import chromium
from test_serve import Served, start_server

pytestmark = pytest.mark.slow

PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}
SHOTS = os.environ.get("READINESS_SCREENSHOTS")


def _driver():  # type: ignore[no-untyped-def]
    found = chromium("390,844", bypass="127.0.0.1")  # only this server; nothing else
    found.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    return found


@pytest.fixture(scope="module")
def phone():  # type: ignore[no-untyped-def]
    found = _driver()
    yield found
    found.quit()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Served]:
    served = start_server(tmp_path, "--bank", "quick")
    yield served
    served.stop()


def fits(phone) -> None:  # type: ignore[no-untyped-def]
    """Nothing runs off the side of the screen; every button and option is at least 44px."""
    wide = phone.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    assert wide[0] <= wide[1], f"the page is {wide[0]}px wide on a {wide[1]}px screen"
    small = phone.execute_script(
        "return [...document.querySelectorAll('button, .button, .option, summary')]"
        ".map(e => e.getBoundingClientRect())"
        ".filter(r => r.width > 0 && (r.height < 44 || r.right > window.innerWidth + 1))"
        ".map(r => [r.width, r.height, r.right])"
    )
    assert small == []


def tap(phone, element) -> None:  # type: ignore[no-untyped-def]
    """Tap a button and wait for the page it leads to."""
    from selenium.webdriver.support.ui import WebDriverWait

    phone.execute_script("window.readinessOld = true")  # gone once the next page loads
    element.click()
    WebDriverWait(phone, 15).until(
        lambda d: d.execute_script(
            "return !window.readinessOld && document.readyState === 'complete'"
        )
    )


def shot(phone, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        phone.save_screenshot(str(Path(SHOTS) / f"participant-{name}.png"))


def test_a_whole_journey_on_a_phone(phone, server: Served) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    phone.get(server.url + "join")
    fits(phone)
    shot(phone, "join")
    phone.find_element(By.CSS_SELECTOR, "input[value='manager']").click()
    phone.find_element(By.ID, "role").send_keys("Team manager")
    tap(phone, phone.find_element(By.CSS_SELECTOR, "button.primary"))
    assert phone.find_elements(By.ID, "question"), phone.page_source[:3000]
    fits(phone)
    shot(phone, "question")
    phone.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {**PHONE, "width": 360})
    fits(phone)  # the narrowest phones in use
    phone.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    tap(phone, phone.find_element(By.XPATH, "//button[normalize-space()='Why this matters']"))
    assert "Why this matters." in phone.find_element(By.CSS_SELECTOR, ".chat").text
    tap(phone, phone.find_elements(By.CSS_SELECTOR, "button.option")[1])
    shot(phone, "conversation")
    for _ in range(40):
        options = phone.find_elements(By.CSS_SELECTOR, "button.option")
        finish = phone.find_elements(By.XPATH, "//button[contains(., 'Finish')]")
        if options:
            tap(phone, options[3])
        elif finish:
            fits(phone)
            shot(phone, "review")
            tap(phone, finish[0])
            break
        else:  # a follow-up: sent empty
            tap(phone, phone.find_element(By.CSS_SELECTOR, ".typed button.primary"))
    assert phone.current_url.endswith("/summary")
    assert "Done: your summary" in phone.find_element(By.TAG_NAME, "h1").text
    fits(phone)
    shot(phone, "summary")
    assert phone.find_element(By.PARTIAL_LINK_TEXT, "Download your summary")
    assert len(list(server.output_dir.glob("quick-*.json"))) == 1
    phone.get(server.url)  # a reload after finishing shows the summary, not a new start
    assert phone.current_url.endswith("/summary")
