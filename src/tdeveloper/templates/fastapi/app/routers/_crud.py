"""What every entity router shares: the session, lookups, commits and documented errors."""

import typing as t

import fastapi
import sqlalchemy as sa
from fastapi.exceptions import RequestValidationError
from sqlalchemy import orm

from app.schemas._common import INT32_MAX, ErrorMessage, Text

Model = t.TypeVar("Model", bound=orm.DeclarativeBase)


def get_session(request: fastapi.Request) -> t.Iterator[orm.Session]:
    """One session per request; handlers commit explicitly, so errors map to responses."""
    session: orm.Session = request.app.state.sessionmaker()
    try:
        yield session
    finally:
        session.close()


DbSession = t.Annotated[orm.Session, fastapi.Depends(get_session)]
ItemId = t.Annotated[int, fastapi.Path(ge=1, le=INT32_MAX)]
Limit = t.Annotated[int, fastapi.Query(ge=1, le=100)]
Offset = t.Annotated[int, fastapi.Query(ge=0, le=INT32_MAX)]
Search = t.Annotated[Text | None, fastapi.Query(max_length=200)]

Responses = dict[int | str, dict[str, t.Any]]
# Every status a route can answer besides 2xx and 422 is documented, with its body.
BAD_BODY: Responses = {400: {"model": ErrorMessage, "description": "The body is not JSON"}}
NOT_FOUND: Responses = {404: {"model": ErrorMessage, "description": "No row has this id"}}
CONFLICT: Responses = {
    409: {"model": ErrorMessage, "description": "A unique value is taken, or the row is in use"}
}
CREATE_ERRORS = BAD_BODY | CONFLICT
UPDATE_ERRORS = BAD_BODY | NOT_FOUND | CONFLICT
DELETE_ERRORS = NOT_FOUND | CONFLICT


def get_or_404(session: orm.Session, model: type[Model], item_id: int) -> Model:
    item = session.get(model, item_id)
    if item is None:
        raise fastapi.HTTPException(404, detail=f"{model.__name__} {item_id} not found")
    return item


def commit(session: orm.Session, conflict: str) -> None:
    """Commit; a unique or foreign-key violation becomes 409 instead of a server error.

    Sessions do not autoflush (see `app.main`), so this is the only place changes reach the
    database and so the only place such a violation can surface.
    """
    try:
        session.commit()
    except sa.exc.IntegrityError:
        session.rollback()
        raise fastapi.HTTPException(409, detail=conflict) from None


def invalid(field: str, message: str, value: t.Any) -> RequestValidationError:
    """A 422 shaped like FastAPI's own validation errors, so one schema documents both."""
    error = {"type": "invalid_reference", "loc": ("body", field), "msg": message, "input": value}
    return RequestValidationError([error])


def check_reference(
    session: orm.Session, model: type[orm.DeclarativeBase], field: str, item_id: int | None
) -> None:
    if item_id is not None and session.get(model, item_id) is None:
        raise invalid(field, f"{model.__name__} {item_id} does not exist", item_id)


def fetch_all(
    session: orm.Session, model: type[Model], field: str, ids: t.Sequence[int]
) -> list[Model]:
    """The rows with these ids (for many-to-many lists); 422 if any is missing."""
    wanted = sorted(set(ids))
    rows = list(session.scalars(sa.select(model).where(model.id.in_(wanted))))
    missing = sorted(set(wanted) - {row.id for row in rows})
    if missing:
        raise invalid(field, f"{model.__name__} ids do not exist: {missing}", missing)
    return rows


def where_equal(
    query: sa.Select[t.Any], model: type[orm.DeclarativeBase], filters: dict[str, t.Any]
) -> sa.Select[t.Any]:
    for name, value in filters.items():
        if value is not None:
            query = query.where(getattr(model, name) == value)
    return query


def where_search(
    query: sa.Select[t.Any], columns: t.Sequence[orm.InstrumentedAttribute[t.Any]], q: str | None
) -> sa.Select[t.Any]:
    if not q or not columns:
        return query
    return query.where(sa.or_(*(column.icontains(q, autoescape=True) for column in columns)))


def page(
    session: orm.Session,
    query: sa.Select[t.Any],
    model: type[orm.DeclarativeBase],
    *,
    sort: str | None,
    limit: int,
    offset: int,
) -> tuple[list[t.Any], int]:
    """One page of rows in a stable order (the id breaks ties), and the total count."""
    total = session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0
    name = (sort or "id").removeprefix("-")
    column = getattr(model, name)
    order = [column.desc() if sort and sort.startswith("-") else column.asc()]
    if name != "id":
        order.append(model.id.asc())  # ties broken by id, so pages are stable
    rows = session.scalars(query.order_by(*order).limit(limit).offset(offset)).all()
    return list(rows), total
