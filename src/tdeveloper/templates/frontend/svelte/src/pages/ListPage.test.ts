import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it } from "vitest";
import { ENTITIES } from "../entities";
import { auth } from "../lib/auth";
import { displayRow, fieldNamed } from "../lib/format";
import { navigate } from "../router";
import { page, requests, sampleRow, serve } from "../test/api";
import ListPage from "./ListPage.svelte";

const entity = ENTITIES[0];
const rows = [sampleRow(entity, 1, "Alpha"), sampleRow(entity, 2, "Beta")];
const lists = () => requests.filter((r) => new URL(r.url).pathname === `/api/${entity.path}`);

beforeEach(async () => {
  if (auth.required) auth.signIn("test-token");
  await navigate(`/${entity.path}`); // no page, sort or filter
  serve((_, url) => (url.pathname === `/api/${entity.path}` ? page(rows) : undefined));
});

describe("the list page", () => {
  it("shows the rows from the API, each linked to its record", async () => {
    render(ListPage, { entity });
    for (const row of rows) {
      const link = await screen.findByRole("link", { name: displayRow(entity, row) });
      expect(link).toHaveAttribute("href", `/${entity.path}/${row.id}`);
    }
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent(entity.plural);
    expect(screen.getByText(/Page 1 of 1/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Previous" })).toBeDisabled();
  });

  it("sorts by a column when its header is clicked", async () => {
    const column = entity.columns.find((name) => entity.sortable.includes(name));
    if (!column) return; // nothing to sort by
    const label = fieldNamed(entity, column).label;
    render(ListPage, { entity });
    const header = await screen.findByRole("columnheader", { name: label });
    expect(header).toHaveAttribute("aria-sort", "none");

    await fireEvent.click(within(header).getByRole("button"));
    await waitFor(() => expect(header).toHaveAttribute("aria-sort", "ascending"));
    expect(new URL(lists().at(-1)!.url).searchParams.get("sort")).toBe(column);
    expect(location.search).toBe(`?sort=${column}`);

    await fireEvent.click(within(header).getByRole("button"));
    await waitFor(() => expect(new URL(lists().at(-1)!.url).searchParams.get("sort")).toBe(`-${column}`));
  });

  it("filters as you type, from the first page", async () => {
    if (!entity.searchable) return;
    render(ListPage, { entity });
    await fireEvent.input(await screen.findByRole("searchbox", { name: "Filter" }), { target: { value: "alp" } });
    await waitFor(() => expect(new URL(lists().at(-1)!.url).searchParams.get("q")).toBe("alp"));
    expect(new URL(lists().at(-1)!.url).searchParams.get("offset")).toBe("0");
  });

  it("says when there is nothing yet", async () => {
    serve(() => page([]));
    render(ListPage, { entity });
    expect(await screen.findByText(`No ${entity.plural} yet.`)).toBeInTheDocument();
  });
});
