"""The size limit of every uploaded file (UPLOAD_MAX_BYTES), as a model field validator."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext_lazy as _

MB = 1024 * 1024


def validate_upload_size(file: File) -> None:
    limit = settings.UPLOAD_MAX_BYTES
    if file.size is not None and file.size > limit:
        raise ValidationError(
            _("The file is %(size).1f MB, over the upload limit of %(limit).1f MB (UPLOAD_MAX_BYTES)."),
            code="file_too_large",
            params={"size": file.size / MB, "limit": limit / MB},
        )
