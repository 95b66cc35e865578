"""One pagination for every list: numbered pages, a capped page size, a stable order."""

from rest_framework.pagination import PageNumberPagination

MAX_PAGE_SIZE = 100


class ApiPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    page_query_description = "ページ番号 / Page number (1-based)."
    page_size_query_description = f"1ページの件数（最大{MAX_PAGE_SIZE}） / Results per page (at most {MAX_PAGE_SIZE})."
