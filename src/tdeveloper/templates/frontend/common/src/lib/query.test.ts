import { describe, expect, it } from "vitest";
import { apiQuery, listSearch, nextSort, pageCount, readListState, sortDirection } from "./query";

describe("list state", () => {
  it("reads and writes the URL, leaving defaults out", () => {
    const state = readListState(new URLSearchParams("page=3&sort=-name&q=rex"));
    expect(state).toEqual({ page: 3, sort: "-name", q: "rex" });
    expect(listSearch(state)).toBe("?page=3&sort=-name&q=rex");
    expect(listSearch({ page: 1, sort: null, q: "" })).toBe("");
  });

  it("ignores a page that is not a positive number", () => {
    expect(readListState(new URLSearchParams("page=-2")).page).toBe(1);
    expect(readListState(new URLSearchParams("page=x")).page).toBe(1);
  });

  it("asks the API for one page", () => {
    expect(apiQuery({ page: 3, sort: "name", q: " rex " }, 20)).toEqual({
      limit: 20,
      offset: 40,
      sort: "name",
      q: "rex",
    });
    expect(apiQuery({ page: 1, sort: null, q: "" })).toEqual({ limit: 20, offset: 0 });
  });

  it("counts pages", () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(20)).toBe(1);
    expect(pageCount(21)).toBe(2);
  });

  it("cycles a column's sort: ascending, descending, none", () => {
    expect(nextSort(null, "name")).toBe("name");
    expect(nextSort("name", "name")).toBe("-name");
    expect(nextSort("-name", "name")).toBeNull();
    expect(nextSort("-age", "name")).toBe("name");
    expect(sortDirection("-name", "name")).toBe("descending");
    expect(sortDirection("age", "name")).toBe("none");
  });
});
