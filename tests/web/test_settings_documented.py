"""Every server setting is documented in the README's "Server settings" section, as it is in the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.web.settings import settings_markdown, settings_table

README = Path(__file__).resolve().parents[2] / "README.md"


def settings_section() -> str:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"^## Server settings\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert match, "README.md has no '## Server settings' section"
    return match.group(1)


@pytest.mark.parametrize("name, env, default, meaning", settings_table(), ids=[row[0] for row in settings_table()])
def test_each_setting_is_in_the_readme_with_its_variable(name, env, default, meaning):
    rows = [line for line in settings_section().splitlines() if line.startswith(f"| `{name}` |")]
    assert rows, f"setting {name} is missing from README.md; paste kg.web.settings.settings_markdown() there"
    assert f"`{env}`" in rows[0], f"README.md gives {name} another environment variable than {env}"


def test_the_readme_table_is_the_generated_one():
    assert settings_markdown() in settings_section(), "README.md's table is stale: paste kg.web.settings.settings_markdown()"
