"""One pagination for every list: numbered pages, a capped page size, a stable order."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

MAX_PAGE_SIZE = 100


def _positive_int(request, name: str) -> int | None:
    """The parameter as a positive integer, None if absent; anything else is a 400 naming it."""
    raw = request.query_params.get(name)
    if raw is None:
        return None
    if not raw.isdigit() or int(raw) < 1:
        raise ValidationError({name: [_("A whole number of at least 1.")]})
    return int(raw)


class ApiPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    page_query_description = "ページ番号 / Page number (1-based)."
    page_size_query_description = (
        f"1ページの件数（最大{MAX_PAGE_SIZE}、超える値は{MAX_PAGE_SIZE}） / Results per page "
        f"(at most {MAX_PAGE_SIZE}; a larger value gives {MAX_PAGE_SIZE})."
    )

    def get_page_size(self, request) -> int:
        size = _positive_int(request, self.page_size_query_param)
        return self.page_size if size is None else min(size, self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None):
        _positive_int(request, self.page_query_param)  # malformed: 400; past the end: 404
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        return parameters

    def get_paginated_response_schema(self, schema):
        envelope = super().get_paginated_response_schema(schema)
        descriptions = {
            "count": "条件に合う件数 / Number of matching records",
            "next": "次のページの URL（最後なら null） / URL of the next page (null on the last)",
            "previous": "前のページの URL（最初なら null） / URL of the previous page (null on the first)",
            "results": "このページの記録（決まった順） / The records of this page, in a stable order",
        }
        for name, description in descriptions.items():
            envelope["properties"][name]["description"] = description
        return envelope
