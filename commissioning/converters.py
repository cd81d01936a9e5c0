"""The one converter for record ids in URLs (`<id:pk>`), in pages and the API alike.

Django's `int` converter takes any run of digits, so `/strategies/99999999999999999999/` reached the
database, where SQLite raises OverflowError and PostgreSQL a numeric-out-of-range error. Ids are primary
keys of 64-bit columns counted from 1: anything else is not a record and answers 404 before any query."""

ID_MIN = 1
ID_MAX = 2**63 - 1  # the largest value of a BigAutoField (PostgreSQL bigint; SQLite INTEGER)


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not ID_MIN <= number <= ID_MAX:
            raise ValueError(f"{value} is not a record id")  # Django answers "no match": 404
        return number

    def to_url(self, value) -> str:
        return str(int(value))
