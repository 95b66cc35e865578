"""One pagination for every list: numbered pages, a capped page size, a stable order."""

from rest_framework.pagination import PageNumberPagination

MAX_PAGE_SIZE = 100


class ApiPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    page_query_description = "ページ番号 / Page number (1-based)."
    page_size_query_description = f"1ページの件数（最大{MAX_PAGE_SIZE}） / Results per page (at most {MAX_PAGE_SIZE})."

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
