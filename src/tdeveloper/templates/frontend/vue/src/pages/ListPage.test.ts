import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/vue";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ENTITIES } from "../entities";
import { displayRow, fieldNamed } from "../lib/format";
import { calls, listAnswer, renderAt, sampleRow, type FetchMock } from "../test/app";

// openapi-fetch keeps the fetch it finds when the client module loads: stub it before that.
const fetchMock: FetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  vi.stubGlobal("fetch", mock);
  return mock;
});

const entity = ENTITIES[0]!;
const rows = [sampleRow(entity, 1), sampleRow(entity, 2)];

describe("the list page", () => {
  afterEach(cleanup);
  beforeEach(() => {
    fetchMock.mockReset();
    fetchMock.mockImplementation(
      async (request) => listAnswer(entity, rows)(request) ?? new Response(null, { status: 404 }),
    );
  });

  it("shows the rows the API returns, each linked to its detail page", async () => {
    await renderAt(`/${entity.path}`);
    expect(screen.getByRole("heading", { level: 1, name: entity.plural })).toBeTruthy();
    const link = await screen.findByRole("link", { name: displayRow(entity, rows[0]!) });
    expect(link.getAttribute("href")).toBe(`/${entity.path}/1`);
    expect(screen.getByText(`Page 1 of 1 · 2 ${entity.plural}`)).toBeTruthy();
  });

  it("sorts by a column when its header is clicked", async () => {
    const column = entity.columns.find((name) => entity.sortable.includes(name));
    if (!column) return; // nothing to sort in this app's first entity
    await renderAt(`/${entity.path}`);
    await screen.findByRole("link", { name: displayRow(entity, rows[0]!) });
    const header = screen.getByRole("columnheader", { name: fieldNamed(entity, column).label });
    expect(header.getAttribute("aria-sort")).toBe("none");

    await fireEvent.click(within(header).getByRole("button"));
    await waitFor(() =>
      expect(calls(fetchMock)).toContain(`GET /api/${entity.path}?limit=20&offset=0&sort=${column}`),
    );
    expect(header.getAttribute("aria-sort")).toBe("ascending");

    await fireEvent.click(within(header).getByRole("button"));
    await waitFor(() => expect(header.getAttribute("aria-sort")).toBe("descending"));
    expect(calls(fetchMock)).toContain(`GET /api/${entity.path}?limit=20&offset=0&sort=-${column}`);
  });

  it("says so when there is nothing yet", async () => {
    fetchMock.mockImplementation(async (request) => listAnswer(entity, [])(request)!);
    await renderAt(`/${entity.path}`);
    expect(await screen.findByText(`No ${entity.plural} yet.`)).toBeTruthy();
  });
});
