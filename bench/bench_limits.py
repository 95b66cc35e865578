"""Input limits: a 2 MB .docx zip bomb is refused in under 1 s with under 200 MB of extra memory.

Unchecked, a bomb like this one took 4.4 GB of memory in python-docx. The refusal is measured in
a fresh Python process (its peak resident set size, before and after, from getrusage), so that
nothing this process allocated before counts.
"""

import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHUNK = b"\0" * (1024 * 1024)

# Runs in the child: Django set up, then the peak memory and time of reading the bomb.
CHILD = """
import json, os, resource, sys, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
import django
django.setup()
from apps.importer.result import MinutesError
from apps.importer.sources import read_minutes_text
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
try:
    read_minutes_text(sys.argv[1])
    error = None
except MinutesError as exc:
    error = str(exc)
seconds = time.perf_counter() - started
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "extra_kb": after - before, "error": error}))
"""


def zip_bomb(path: Path, *, unpacked_mb: int) -> Path:
    """A .docx whose document part inflates to `unpacked_mb` MB of zeros (about 1/1000 of that packed)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            for _ in range(unpacked_mb):
                part.write(CHUNK)
    return path


def run() -> list[dict]:
    with tempfile.TemporaryDirectory() as directory:
        bomb = zip_bomb(Path(directory) / "bomb.docx", unpacked_mb=2048)
        packed_mb = bomb.stat().st_size / 1024 / 1024
        child = subprocess.run(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", CHILD, str(bomb)], cwd=ROOT, capture_output=True, text=True, check=True
        )
    measured = json.loads(child.stdout.strip().splitlines()[-1])
    assert measured["error"] and "IMPORT_DOCX_MAX_UNCOMPRESSED_BYTES" in measured["error"], measured
    return [
        {
            "name": f"limits: .docx zip bomb ({packed_mb:.1f} MB, unpacks to 2 GB) refused, time",
            "value": measured["seconds"] * 1000,
            "unit": "ms",
            "target": "< 1000 ms",
        },
        {
            "name": "limits: .docx zip bomb refused, extra peak memory",
            "value": measured["extra_kb"] / 1024,
            "unit": "MB",
            "target": "< 200 MB (4.4 GB unchecked)",
        },
    ]
