"""Text normalisation: text is stored as written, compared and searched in NFKC form."""

import unicodedata


def normalize(text: str) -> str:
    """NFKC form used for comparison and search (ＮＴＴ == NTT, （ == ()."""
    return unicodedata.normalize("NFKC", text or "")
