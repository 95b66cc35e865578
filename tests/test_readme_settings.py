"""Every variable the settings read from the environment is in the README's configuration table."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
READ_FROM_ENVIRONMENT = re.compile(r"""(?:os\.environ\.get|env_bool|env_list)\(\s*["']([A-Z_]+)["']""")


def test_the_readme_table_lists_every_settings_variable():
    read = set()
    for module in ("config/settings.py", "config/gunicorn.py"):
        read |= set(READ_FROM_ENVIRONMENT.findall((ROOT / module).read_text()))
    table = set(re.findall(r"^\| `([A-Z_]+)` \|", (ROOT / "README.md").read_text(), re.MULTILINE))
    assert len(read) > 25  # the pattern still finds them
    assert read - table == set()
    assert table - read == set()
