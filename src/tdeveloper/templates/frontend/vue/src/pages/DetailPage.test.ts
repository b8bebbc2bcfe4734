import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/vue";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ENTITIES } from "../entities";
import { displayRow } from "../lib/format";
import { calls, json, listAnswer, renderAt, sampleRow, type FetchMock } from "../test/app";

const fetchMock: FetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  vi.stubGlobal("fetch", mock);
  return mock;
});

const entity = ENTITIES[0]!;
const row = sampleRow(entity, 7);

describe("deleting from the detail page", () => {
  afterEach(cleanup);
  /** The row at /api/<path>/7, empty lists, and `onDelete` for its DELETE. */
  function answer(onDelete: () => Response): void {
    fetchMock.mockImplementation(async (request) => {
      if (request.method === "DELETE") return onDelete();
      if (new URL(request.url).pathname === `/api/${entity.path}/7`) return json(row);
      return listAnswer(entity, [])(request) ?? new Response(null, { status: 404 });
    });
  }

  beforeEach(() => {
    fetchMock.mockReset();
    answer(() => new Response(null, { status: 204 }));
  });

  const deletes = () => calls(fetchMock).filter((call) => call.startsWith("DELETE"));
  /** The page's Delete button, not the dialog's. */
  const deleteButton = () =>
    screen.getAllByRole("button", { name: "Delete" }).find((b) => !b.closest("dialog"))!;

  it("asks first, and calls DELETE only once confirmed", async () => {
    const { router } = await renderAt(`/${entity.path}/7`);
    await screen.findByRole("heading", { level: 1, name: displayRow(entity, row) });
    const dialog = document.querySelector("dialog")!;
    expect(dialog.open).toBe(false);

    await fireEvent.click(deleteButton());
    expect(dialog.open).toBe(true);
    expect(dialog.textContent).toContain(`Delete ${displayRow(entity, row)}?`);
    await fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(dialog.open).toBe(false);
    expect(deletes()).toEqual([]);

    await fireEvent.click(deleteButton());
    await fireEvent.click(within(dialog).getByRole("button", { name: "Delete" }));
    await waitFor(() => expect(router.currentRoute.value.path).toBe(`/${entity.path}`));
    expect(deletes()).toEqual([`DELETE /api/${entity.path}/7`]);
  });

  it("shows why a deletion failed", async () => {
    answer(() => json({ detail: "Still referenced" }, 409));
    await renderAt(`/${entity.path}/7`);
    await screen.findByRole("heading", { level: 1, name: displayRow(entity, row) });
    await fireEvent.click(deleteButton());
    await fireEvent.click(within(document.querySelector("dialog")!).getByRole("button", { name: "Delete" }));
    expect((await screen.findByRole("alert")).textContent).toContain("Still referenced");
    expect(document.querySelector("dialog")!.open).toBe(false);
  });
});
