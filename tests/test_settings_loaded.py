"""Celery silently ignores a misspelt setting: check the app really carries ours."""

from django.conf import settings

from config.celery import app


def test_celery_reads_the_celery_namespace_from_django_settings():
    conf = app.conf
    assert conf.task_serializer == "json"
    assert conf.accept_content == ["json"]
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.task_time_limit == settings.CELERY_TASK_TIME_LIMIT == 300
    assert conf.task_soft_time_limit == 240
    assert conf.worker_prefetch_multiplier == 1
    assert (
        conf.broker_transport_options["visibility_timeout"]
        == settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    )


def test_every_celery_setting_is_one_celery_knows():
    """A typo such as CELERY_TASK_ACK_LATE would otherwise be dropped without a word."""
    from celery.app.defaults import NAMESPACES, flatten

    known = {key.upper() for key, _ in flatten(NAMESPACES)}
    ours = {name.removeprefix("CELERY_") for name in dir(settings) if name.startswith("CELERY_")}
    assert ours - known == set()


def test_japanese_first():
    assert settings.LANGUAGE_CODE == "ja"
    assert settings.TIME_ZONE == "Asia/Tokyo"
    assert settings.USE_TZ
    assert "en" in dict(settings.LANGUAGES)
