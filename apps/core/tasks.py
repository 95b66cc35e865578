"""The base of every Shingi task: expected failures are told apart from crashes.

An expected failure (bad input, a missing font, a time limit) is something the user can act
on: raise ExpectedTaskFailure with a message they can read; Celery logs it without a
traceback (`throws`). Anything else is a crash and is logged with its traceback.
"""

from celery import Task


class ExpectedTaskFailure(Exception):
    """A failure whose message the user can read and act on."""


class ShingiTask(Task):
    # Work that must not be lost: acknowledged once done, requeued if the worker dies mid-way.
    acks_late = True
    reject_on_worker_lost = True
    throws = (ExpectedTaskFailure,)
