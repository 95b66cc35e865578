"""What goes into a document, read from the database as plain, JSON-ready data.

A snapshot holds every value the document prints, already formatted (era dates, headings),
so that hashing it tells whether two requests would produce the same PDF, and the worker
renders exactly what was hashed without reading the domain models again.
"""

from .minutes import minutes_snapshot
from .progress import progress_report_snapshot

__all__ = ["minutes_snapshot", "progress_report_snapshot"]
