"""WeasyPrint may load the app's static files and nothing else."""

import base64
import io

import pytest
from pypdf import PdfReader
from weasyprint import HTML

from apps.reports.fetcher import RefusedURL, StaticFilesFetcher
from apps.reports.rendering import html_to_pdf

PIXEL_PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)
OUTSIDE = [
    "file:///etc/passwd",
    "http://example.com/style.css",
    "https://example.com/font.ttf",
    "data:text/css,body{display:none}",
    "static:../../../../etc/passwd",
    "static:/../config/settings.py",
    "ftp://example.com/x",
    "generated:chart.svg",  # only what the renderer made for this document
]


@pytest.mark.parametrize("url", OUTSIDE)
def test_it_refuses_urls_outside_the_static_files(url):
    with pytest.raises(RefusedURL):
        StaticFilesFetcher().fetch(url)


def test_it_serves_the_stylesheets_and_the_font():
    css = StaticFilesFetcher().fetch("static:reports/minutes.css")
    assert b"@page" in css.read()
    font = StaticFilesFetcher().fetch("static:reports/fonts/ipaexm.ttf")
    assert font.content_type == "font/ttf"
    assert font.read(4) == b"\x00\x01\x00\x00"  # a TrueType font


def _image_count(pdf: bytes) -> int:
    count = 0
    for page in PdfReader(io.BytesIO(pdf)).pages:
        xobjects = page["/Resources"].get_object().get("/XObject", {})
        count += sum(1 for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image")
    return count


def test_a_document_cannot_pull_in_a_local_file_or_a_data_url(tmp_path):
    image = tmp_path / "secret.png"
    image.write_bytes(PIXEL_PNG)
    data_url = "data:image/png;base64," + base64.b64encode(PIXEL_PNG).decode()
    html = f'<p>本文</p><img src="{image.as_uri()}"><img src="{data_url}">'
    # Control: WeasyPrint's default fetcher would draw both images.
    assert _image_count(HTML(string=html).write_pdf()) == 2
    assert _image_count(html_to_pdf(html)) == 0
