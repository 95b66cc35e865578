"""PostgreSQL backend that creates its databases with a UTF-8 collation and ctype.

Trigram search (pg_trgm) treats every non-ASCII character as a word boundary under
the C ctype, so Japanese search would silently find nothing in a test database
created from a C-locale template.
"""

from django.db.backends.postgresql import base, creation


class DatabaseCreation(creation.DatabaseCreation):
    def sql_table_creation_suffix(self) -> str:
        test_settings = self.connection.settings_dict["TEST"]
        return (
            self._get_database_create_suffix(  # type: ignore[attr-defined]
                encoding=test_settings["CHARSET"] or "UTF8",
                template=test_settings.get("TEMPLATE") or "template0",
            )
            + " LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
        )


class DatabaseWrapper(base.DatabaseWrapper):
    creation_class = DatabaseCreation
