"""Page-numbered lists: ?page=N&page_size=M (at most 1000)."""

from rest_framework.pagination import PageNumberPagination


class PagePagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 1000
