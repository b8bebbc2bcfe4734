/**
 * The rows of one entity, a page at a time: filter, sort by a column, page through. Page, sort
 * and filter live in the URL query, so a reload or a shared link shows the same rows.
 */
import { Link, useNavigate, useSearchParams } from "react-router";
import { RESOURCES } from "../api/resources";
import { FilterInput } from "../components/FilterInput";
import { Pagination } from "../components/Pagination";
import { useAsync } from "../hooks/useAsync";
import { useReferences } from "../hooks/useReferences";
import { displayRow, fieldNamed, formatValue } from "../lib/format";
import type { EntityMeta, FieldMeta, Row } from "../lib/meta";
import { apiQuery, type ListState, listSearch, nextSort, readListState, sortDirection } from "../lib/query";

export function ListPage({ entity }: { entity: EntityMeta }) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const state = readListState(params);
  const search = listSearch(state);
  const list = useAsync(() => RESOURCES[entity.name].list(apiQuery(state)), [entity, search]);
  const { lead, columns } = layout(entity);
  const { lookup } = useReferences(columns);

  const go = (next: ListState, replace = false) => navigate({ search: listSearch(next) }, { replace });
  const sortable = (name: string) => entity.sortable.includes(name);

  const header = (label: string, name: string) =>
    sortable(name) ? (
      <th key={name} scope="col" aria-sort={sortDirection(state.sort, name)}>
        <button type="button" className="sort" onClick={() => go({ ...state, sort: nextSort(state.sort, name), page: 1 })}>
          {label}
        </button>
      </th>
    ) : (
      <th key={name} scope="col">
        {label}
      </th>
    );

  const link = (row: Row) => <Link to={`/${entity.path}/${row.id}`}>{displayRow(entity, row)}</Link>;
  const page = list.data;

  return (
    <>
      <h1>{entity.plural}</h1>
      <div className="toolbar">
        {entity.searchable ? (
          // Typing starts again from page 1; replace: each keystroke is no step back in history.
          <FilterInput value={state.q} onFilter={(q) => go({ ...state, q, page: 1 }, true)} />
        ) : (
          <span />
        )}
        <Link to={`/${entity.path}/new`} className="button-link">
          New {entity.label}
        </Link>
      </div>
      {list.error && <p role="alert">Could not load {entity.plural}: {list.error.message}</p>}
      {list.loading && !page && <p aria-busy="true">Loading {entity.plural}…</p>}
      {page && page.items.length === 0 && (
        <p>{state.q ? `No ${entity.plural} match “${state.q}”.` : `No ${entity.plural} yet.`}</p>
      )}
      {page && page.items.length > 0 && (
        <div className="overflow-auto" aria-busy={list.loading}>
          <table className="striped">
            <thead>
              <tr>
                {lead && header(entity.label, "id")}
                {columns.map((field) => header(field.label, field.name))}
              </tr>
            </thead>
            <tbody>
              {page.items.map((row) => (
                <tr key={row.id}>
                  {lead && <td>{link(row)}</td>}
                  {columns.map((field, index) => (
                    <td key={field.name}>
                      {!lead && index === 0 ? link(row) : formatValue(field, row[field.name], lookup)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page && (page.total > 0 || state.page > 1) && (
        <Pagination
          page={state.page}
          total={page.total}
          counted={page.total === 1 ? `1 ${entity.label}` : `${page.total} ${entity.plural}`}
          onPage={(n) => go({ ...state, page: n })}
        />
      )}
    </>
  );
}

/**
 * The columns, the row's name first: the name column leads when the entity has one among its
 * columns; otherwise a leading column (headed by the entity's label) names each row.
 */
function layout(entity: EntityMeta): { lead: boolean; columns: FieldMeta[] } {
  const names = entity.display && entity.columns.includes(entity.display)
    ? [entity.display, ...entity.columns.filter((n) => n !== entity.display)]
    : [...entity.columns];
  return { lead: names[0] !== entity.display, columns: names.map((n) => fieldNamed(entity, n)) };
}
