"""Japanese first: the admin speaks Japanese by default and English on request."""

from django.utils import translation

from apps.meetings.models import Meeting, Statement


def test_model_labels_are_japanese_by_default():
    with translation.override("ja"):
        assert str(Meeting._meta.verbose_name) == "会議"
        assert str(Statement._meta.get_field("speaker_label").verbose_name) == "発言者（記載どおり）"


def test_model_labels_in_english():
    with translation.override("en"):
        assert str(Meeting._meta.verbose_name) == "meeting"
