"""The shape of the generated description of the API's operations
(``_spec.OPERATIONS``, written by scripts/generate_resources.py from openapi.yaml).

The fake Models API validates requests with it and the command line builds its
flags from it; the generated methods of the resources have the same facts
written into their code. Nothing here knows a parameter, a bound or a stage: those
are the generated module's. Named tuples, not dataclasses: they are built at
import time, and a named tuple's class costs a tenth of a dataclass's to create.
"""

from __future__ import annotations

from typing import NamedTuple, TypeAlias

# The properties a class of model declares, by wire name: an object's, its own
# (the union of every object class it may hold); any other's, None.
Fields: TypeAlias = dict[str, "Fields | None"]


class Filter(NamedTuple):
    """A list parameter that keeps the items whose ``field`` is one of its values
    (``x-runtime: filter`` in the spec)."""

    field: str
    unlisted: tuple[str, ...]  # the values left out when the parameter is absent
    absent: str  # the value of an item without the field


class Parameter(NamedTuple):
    """One parameter of an operation, as the spec states it.

    ``name`` is the spec's (the wire's); ``generated`` the generator's Python name
    (the keyword of the generated ``_get_kwargs``); ``argument`` the keyword the
    runtime's method takes (the generator's, unless the spec's ``x-runtime``
    names it otherwise). The constraints are the schema's (for an array: of the
    array, and ``item_*`` of its items); ``enum`` holds the values the spec lists
    (of the items, for an array), and ``open_enum`` says that other values are
    valid too.
    """

    name: str
    location: str  # "path", "query" or "header"
    generated: str
    argument: str
    description: str
    type: str  # the JSON type: "string", "integer", "number", "boolean" or "array"
    item_type: str | None = None
    required: bool = False
    default: object = None
    minimum: int | float | None = None
    maximum: int | float | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    min_items: int | None = None
    max_items: int | None = None
    enum: tuple[str, ...] | None = None
    open_enum: bool = False
    join: str | None = None  # a list argument that travels joined with this
    flag: str | None = None  # the command line's flag, without its dashes
    client: bool = False  # Client(...) takes it too
    owned: bool = False  # the runtime sends it; no method takes it
    filter: Filter | None = None


class Direction(NamedTuple):
    """One way through a listing: the request's cursor parameter and the page's
    property that continues it."""

    cursor: str  # the parameter's wire name
    next_cursor: str  # the page's attribute (the generator's Python name)


class Paging(NamedTuple):
    """How a list operation pages (the spec's ``x-pagination``)."""

    results: str  # the page's attribute holding the items
    has_more: str
    limit: str | None  # the page-size parameter's wire name
    forward: Direction
    backward: Direction | None


class Operation(NamedTuple):
    """One operation of the API."""

    operation_id: str
    method: str  # the HTTP method, lower case
    path: str  # the spec's path template, without its fixed query
    # The fixed query of the spec's path key (``/v1/models?beta=true``): every
    # request sends it, and it tells this operation from the one without it.
    query: tuple[tuple[str, str], ...]
    resource: str  # the attribute path: ``client.<resource>`` (``beta.models``)
    name: str  # the method of the resource
    summary: str
    description: str
    parameters: tuple[Parameter, ...]
    paging: Paging | None = None
    item: str = ""  # the class of the models it serves (``_spec.FIELDS``)

    def parameter(self, name: str) -> Parameter:
        """The parameter of this wire name."""
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        raise KeyError(name)


class ErrorStatus(NamedTuple):
    """A documented error status: the exception class the runtime raises for it,
    and the error the spec's example shows."""

    status: int
    exception: str
    error_type: str
    message: str
    server_errors: bool = False  # it also stands for every undocumented 5XX
