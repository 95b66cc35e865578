"""Events of the minutes workflow, sent once the transaction that made them has committed.

The workflow knows nothing of who listens (the notifications app does); a receiver that
fails cannot undo a step that already happened.
"""

from django.db import transaction
from django.dispatch import Signal

# review_requests: list[ReviewRequest], base_url: str
review_requested = Signal()
# suggestion: Suggestion
correction_proposed = Signal()
# suggestion: Suggestion (accepted or rejected)
correction_decided = Signal()
# minutes: Minutes, by: the user who acted
minutes_approved = Signal()
minutes_published = Signal()


def send_on_commit(signal: Signal, **kwargs: object) -> None:
    # send_robust: a listener that fails is logged, and the step that committed still answers.
    transaction.on_commit(lambda: signal.send_robust(sender=None, **kwargs))
