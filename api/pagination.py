from rest_framework import pagination


class Pages(pagination.LimitOffsetPagination):
    """?limit=&offset=: 50 rows by default, at most 200, whatever the caller asks."""

    default_limit = 50
    max_limit = 200
