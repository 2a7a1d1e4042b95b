"""Problems a person can act on that are not bad input (that is ``validation.ValidationError``).

    >>> raise StorageError("read_only", path="/data/cemworkshop.db")

Pages catch these by class and show ``storage.<code>`` from the catalogue.
"""

from __future__ import annotations


class StorageError(Exception):
    """The database file cannot be used as it is: ``code`` says why, for a message on screen.

    ``read_only``, ``corrupt``, ``newer_schema``, ``disk_full``, ``busy``, ``io_error``,
    ``cannot_open``; ``params`` carry the file's path (and versions for ``newer_schema``).
    """

    def __init__(self, code: str, **params):
        super().__init__(f"{code} {params}")
        self.code = code
        self.params = params
