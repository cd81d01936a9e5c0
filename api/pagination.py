from django import forms
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from commissioning.converters import ID_MAX


class Pagination(PageNumberPagination):
    """Pages of 50 records, or `page_size` from 1 to 200. A page or page size that is not a whole number in
    its range answers 400 naming the parameter (DRF would quietly use the default page size, or answer 404
    for `page=abc`); a page number past the last page still answers 404, as DRF documents."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def _whole_number(self, request, name: str, maximum: int) -> int | None:
        value = request.query_params.get(name)
        if value in (None, ""):
            return None
        try:
            return forms.IntegerField(min_value=1, max_value=maximum).clean(value)
        except forms.ValidationError as error:
            raise ValidationError({name: error.messages}) from None

    def get_page_size(self, request):
        return self._whole_number(request, self.page_size_query_param, self.max_page_size) or self.page_size

    def get_page_number(self, request, paginator):
        if request.query_params.get(self.page_query_param) in self.last_page_strings:
            return paginator.num_pages
        return self._whole_number(request, self.page_query_param, ID_MAX) or 1

    def get_schema_operation_parameters(self, view):
        ranges = {
            self.page_query_param: {"minimum": 1, "maximum": ID_MAX},
            self.page_size_query_param: {
                "minimum": 1,
                "maximum": self.max_page_size,
                "default": self.page_size,
            },
        }
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"] = {**parameter["schema"], **ranges.get(parameter["name"], {})}
        return parameters
