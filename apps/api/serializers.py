"""Serializer base for every resource: each field is described in Japanese and English."""

from django.utils import translation
from django.utils.functional import lazy
from django.utils.text import format_lazy
from rest_framework import serializers


def _bilingual(text) -> str:
    with translation.override("ja"):
        ja = str(text)
    with translation.override("en"):
        en = str(text)
    return en if ja == en else f"{ja} / {en}"


bilingual = lazy(_bilingual, str)


class DescribedModelSerializer(serializers.ModelSerializer):
    """Model fields without a help text are described by their verbose name, in both languages."""

    def build_field(self, field_name, info, model_class, nested_depth):
        field_class, kwargs = super().build_field(field_name, info, model_class, nested_depth)
        model_field = info.fields.get(field_name) or getattr(info.relations.get(field_name), "model_field", None)
        if field_name == "id" or (field_name == info.pk.name and model_field is None):
            kwargs["help_text"] = "識別子 / Identifier"
        elif model_field is not None:
            text = model_field.verbose_name
            if model_field.help_text:
                text = format_lazy("{} — {}", model_field.verbose_name, model_field.help_text)
            kwargs["help_text"] = bilingual(text)
        return field_class, kwargs
