"""SQL pieces the views share: the events in scope, periods, actor names without years.

The views aggregate inside DuckDB, so they answer in a fraction of a second over stores of
millions of events instead of turning every row into a Python object.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from groundfacts.store.duckdb_store import EventFilter

# An actor name without its year range (as analyse.scope.base_name does).
BASE_NAME = r"trim(regexp_replace({col}, '\s*\(\d{{4}}-[^)]*\)', '', 'g'))"
PERIODS = ("week", "month", "year")


def base_name_sql(col: str) -> str:
    return BASE_NAME.format(col=col)


def scope(flt: EventFilter | None, *, merged: bool = False) -> tuple[str, list[Any]]:
    """A subquery of the events (or merged events) matching ``flt``, with their date as a
    DATE column ``d`` (NULL when undated), and its parameters."""
    from groundfacts.store.duckdb_store import EventFilter

    where, params = (flt or EventFilter()).where()
    table = "merged_events" if merged else "events"
    sql = f"(SELECT *, TRY_CAST(event_date AS DATE) AS d FROM {table}{where})"
    if flt is not None and flt.limit:
        sql = sql[:-1] + f" ORDER BY event_date, event_id LIMIT {int(flt.limit)})"
    return sql, params


def period_sql(every: str) -> tuple[str, str]:
    """(label, first day) expressions of the period holding ``d``: ISO weeks "2020-W41" from
    Monday, months "2020-10", years "2020"."""
    if every == "week":
        return "printf('%d-W%02d', isoyear(d), week(d))", "CAST(date_trunc('week', d) AS DATE)"
    if every == "month":
        return "strftime(d, '%Y-%m')", "CAST(date_trunc('month', d) AS DATE)"
    if every == "year":
        return "strftime(d, '%Y')", "CAST(date_trunc('year', d) AS DATE)"
    raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {every!r}")


def actors_of(source: str, keys: str = "") -> str:
    """One row per (event, distinct actor without years) of ``source``, carrying ``keys``
    (extra columns, comma-separated) along; events without actors are left out."""
    extra = f", {keys}" if keys else ""
    return (
        f"SELECT DISTINCT event_id{extra}, actor FROM ("
        f"SELECT event_id{extra}, {base_name_sql('actor1')} AS actor FROM {source} "
        f"UNION ALL SELECT event_id{extra}, {base_name_sql('actor2')} AS actor FROM {source}"
        ") WHERE actor <> ''"
    )
