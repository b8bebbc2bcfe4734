import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, it } from "vitest";
import { ENTITIES } from "../entities";
import { auth } from "../lib/auth";
import { displayRow } from "../lib/format";
import { json, requests, sampleRow, serve } from "../test/api";
import DetailPage from "./DetailPage.svelte";

const entity = ENTITIES[0];
const row = sampleRow(entity, 7, "Seventh");
const deletes = () => requests.filter((r) => r.method === "DELETE");

function answer(onDelete: Response): void {
  serve((request, url) => {
    if (url.pathname !== `/api/${entity.path}/7`) return undefined;
    return request.method === "DELETE" ? onDelete : json(row);
  });
}

beforeEach(() => {
  if (auth.required) auth.signIn("test-token");
});

describe("the detail page", () => {
  it("deletes only after the confirmation, then shows the list", async () => {
    answer(new Response(null, { status: 204 }));
    render(DetailPage, { entity, id: 7 });
    await screen.findByRole("heading", { level: 1, name: displayRow(entity, row) });
    const dialog = screen.getByRole("dialog", { hidden: true }) as HTMLDialogElement;

    await fireEvent.click(screen.getByRole("button", { name: "Delete" }));
    expect(dialog.open).toBe(true);
    expect(dialog).toHaveTextContent(`Delete ${displayRow(entity, row)}?`);
    await fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(dialog.open).toBe(false);
    expect(deletes()).toHaveLength(0);

    await fireEvent.click(screen.getByRole("button", { name: "Delete" }));
    await fireEvent.click(within(dialog).getByRole("button", { name: "Delete" }));
    await waitFor(() => expect(location.pathname).toBe(`/${entity.path}`));
    expect(deletes()).toHaveLength(1);
  });

  it("shows why a deletion failed", async () => {
    answer(json({ detail: "It is still referenced" }, 409));
    render(DetailPage, { entity, id: 7 });
    await screen.findByRole("heading", { level: 1, name: displayRow(entity, row) });
    const dialog = screen.getByRole("dialog", { hidden: true }) as HTMLDialogElement;

    await fireEvent.click(screen.getByRole("button", { name: "Delete" }));
    await fireEvent.click(within(dialog).getByRole("button", { name: "Delete" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("It is still referenced");
    expect(dialog.open).toBe(false);
  });

  it("says so when the record does not exist", async () => {
    serve(() => json({ detail: "Not found" }, 404));
    render(DetailPage, { entity, id: 404 });
    expect(await screen.findByRole("alert")).toHaveTextContent("Not found");
  });
});
