"""Banks that passed every check are remembered by their bytes, and only by their bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BANKS

from readiness.bank import cache as checked
from readiness.bank.load import load_bank
from readiness.errors import BankError

MINIMAL = (BANKS / "valid" / "minimal.yaml").read_text()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(checked.ENV_DIR, str(tmp_path / "cache"))
    return tmp_path / "cache" / "checked"


def test_a_bank_that_passed_is_read_back_the_same(cache: Path, tmp_path: Path) -> None:
    bank_file = tmp_path / "bank.yaml"
    bank_file.write_text(MINIMAL)
    first = load_bank(str(bank_file))
    assert len(list(cache.glob("*.json"))) == 1
    again = load_bank(str(bank_file))
    assert again == first and again.sha256 == first.sha256


def test_a_changed_byte_is_checked_again(cache: Path, tmp_path: Path) -> None:
    bank_file = tmp_path / "bank.yaml"
    bank_file.write_text(MINIMAL)
    load_bank(str(bank_file))
    bank_file.write_text(MINIMAL.replace("domain: data\n", "domain: dataa\n"))
    with pytest.raises(BankError, match="unknown domain 'dataa'"):
        load_bank(str(bank_file))


def test_a_corrupt_entry_is_ignored(cache: Path, tmp_path: Path) -> None:
    bank_file = tmp_path / "bank.yaml"
    bank_file.write_text(MINIMAL)
    load_bank(str(bank_file))
    (entry,) = cache.glob("*.json")
    entry.write_text("{not json")
    assert load_bank(str(bank_file)).id == "minimal"


def test_an_empty_setting_turns_it_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(checked.ENV_DIR, "")
    load_bank("quick")
    assert checked.passed_before(load_bank("quick").sha256) is None
