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


class CleanSavingSerializer(DescribedModelSerializer):
    """For records without a domain service yet: run the model's own validation before saving,
    so constraint violations come back as 400s naming the field, never as database errors."""

    def create(self, validated_data):
        many = {name: validated_data.pop(name) for name in list(validated_data) if self._is_many(name)}
        instance = self.Meta.model(**validated_data)
        instance.full_clean()
        instance.save()
        for name, values in many.items():
            getattr(instance, name).set(values)
        return instance

    def update(self, instance, validated_data):
        many = {name: validated_data.pop(name) for name in list(validated_data) if self._is_many(name)}
        for name, value in validated_data.items():
            setattr(instance, name, value)
        instance.full_clean()
        instance.save()
        for name, values in many.items():
            getattr(instance, name).set(values)
        return instance

    def _is_many(self, name: str) -> bool:
        field = self.fields.get(name)
        return isinstance(field, serializers.ManyRelatedField)
