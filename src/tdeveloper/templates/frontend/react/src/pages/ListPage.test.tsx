import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { ENTITIES } from "../entities";
import { displayRow } from "../lib/format";
import { fakeApi, isCall, page, sampleRow, type Call } from "../test/api";
import { renderAt } from "../test/render";

const entity = ENTITIES[0];
const rows = [sampleRow(entity, 1), sampleRow(entity, 2)];
const sortColumn = entity.columns.find((name) => entity.sortable.includes(name));
let calls: Call[];

beforeEach(() => {
  calls = fakeApi((call) => (isCall(call, "GET", entity) ? [200, page(rows)] : undefined));
});

const lists = () => calls.filter((call) => isCall(call, "GET", entity));

describe(`the ${entity.plural} list`, () => {
  it("shows the rows from the API, each linked to its page", async () => {
    renderAt(`/${entity.path}`);
    expect(screen.getByRole("heading", { level: 1, name: entity.plural })).toBeInTheDocument();
    const link = await screen.findByRole("link", { name: displayRow(entity, rows[0]) });
    expect(link).toHaveAttribute("href", `/${entity.path}/1`);
    expect(screen.getAllByRole("row")).toHaveLength(rows.length + 1);
    expect(screen.getByText("Page 1 of 1")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: `New ${entity.label}` })).toHaveAttribute("href", `/${entity.path}/new`);
  });

  it.skipIf(!sortColumn)("sorts by a column when its header is clicked", async () => {
    const at = renderAt(`/${entity.path}`);
    await screen.findByRole("link", { name: displayRow(entity, rows[0]) });
    const label = entity.fields.find((f) => f.name === sortColumn)!.label;
    const header = screen.getByRole("columnheader", { name: label });
    expect(header).toHaveAttribute("aria-sort", "none");

    fireEvent.click(within(header).getByRole("button"));
    await waitFor(() => expect(lists().at(-1)?.url.searchParams.get("sort")).toBe(sortColumn));
    expect(screen.getByRole("columnheader", { name: label })).toHaveAttribute("aria-sort", "ascending");
    expect(at.search).toBe(`?sort=${sortColumn}`);

    fireEvent.click(within(screen.getByRole("columnheader", { name: label })).getByRole("button"));
    await waitFor(() => expect(lists().at(-1)?.url.searchParams.get("sort")).toBe(`-${sortColumn}`));
  });

  it.skipIf(!entity.searchable)("filters as the user types, from page 1", async () => {
    const at = renderAt(`/${entity.path}?page=2`);
    await screen.findByRole("searchbox", { name: "Filter" });
    fireEvent.change(screen.getByRole("searchbox", { name: "Filter" }), { target: { value: "rex" } });
    await waitFor(() => expect(lists().at(-1)?.url.searchParams.get("q")).toBe("rex"));
    expect(lists().at(-1)?.url.searchParams.get("offset")).toBe("0");
    expect(at.search).toBe("?q=rex");
  });

  it("says so when there are no rows, and shows a failure as an alert", async () => {
    fakeApi((call) => (isCall(call, "GET", entity) ? [200, page([])] : undefined));
    renderAt(`/${entity.path}`);
    expect(await screen.findByText(`No ${entity.plural} yet.`)).toBeInTheDocument();

    fakeApi((call) => (isCall(call, "GET", entity) ? [500, { detail: "Database is down" }] : undefined));
    renderAt(`/${entity.path}?page=3`);
    expect(await screen.findByRole("alert")).toHaveTextContent("Database is down");
  });
});
