/** The state of a list page (page, sort, filter), kept in the URL so it survives a reload. */
import type { ListQuery } from "./meta";

export const PAGE_SIZE = 20;

export interface ListState {
  page: number;
  sort: string | null;
  q: string;
}

export type SortDirection = "ascending" | "descending" | "none";

export function readListState(params: URLSearchParams): ListState {
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  return {
    page: Number.isFinite(page) && page > 0 ? page : 1,
    sort: params.get("sort") || null,
    q: params.get("q") ?? "",
  };
}

/** The query string of a state ("" for the default), for links and history. */
export function listSearch(state: ListState): string {
  const params = new URLSearchParams();
  if (state.page > 1) params.set("page", String(state.page));
  if (state.sort) params.set("sort", state.sort);
  if (state.q) params.set("q", state.q);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function apiQuery(state: ListState, size = PAGE_SIZE): ListQuery {
  const query: ListQuery = { limit: size, offset: (state.page - 1) * size };
  if (state.sort) query.sort = state.sort;
  if (state.q.trim()) query.q = state.q.trim();
  return query;
}

export function pageCount(total: number, size = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}

/** Clicking a column: ascending, then descending, then back to the default order. */
export function nextSort(current: string | null, field: string): string | null {
  if (current === field) return `-${field}`;
  if (current === `-${field}`) return null;
  return field;
}

export function sortDirection(current: string | null, field: string): SortDirection {
  if (current === field) return "ascending";
  if (current === `-${field}`) return "descending";
  return "none";
}
