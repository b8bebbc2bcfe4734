import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ENTITIES } from "../entities";
import { displayRow } from "../lib/format";
import { fakeApi, isCall, sampleRow } from "../test/api";
import { renderAt } from "../test/render";

const entity = ENTITIES[0];
const row = sampleRow(entity, 3);
const name = displayRow(entity, row);

describe(`a ${entity.label}'s page`, () => {
  it("shows every field, and deletes only after confirmation", async () => {
    const calls = fakeApi((call) => {
      if (isCall(call, "GET", entity, 3)) return [200, row];
      if (isCall(call, "DELETE", entity, 3)) return [204, undefined];
      return undefined;
    });
    const at = renderAt(`/${entity.path}/3`);
    expect(await screen.findByRole("heading", { level: 1, name })).toBeInTheDocument();
    const terms = Array.from(document.querySelectorAll("dl.record dt"), (dt) => dt.textContent);
    expect(terms).toEqual(entity.fields.map((f) => f.label));

    fireEvent.click(screen.getByRole("button", { name: "Delete" }));
    const dialog = screen.getByRole("dialog");
    expect(dialog).toHaveTextContent(`Delete ${name}?`);
    expect(calls.some((c) => c.method === "DELETE")).toBe(false);

    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(calls.some((c) => c.method === "DELETE")).toBe(false);

    fireEvent.click(screen.getByRole("button", { name: "Delete" }));
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Delete" }));
    await waitFor(() => expect(at.pathname).toBe(`/${entity.path}`));
    expect(calls.filter((c) => isCall(c, "DELETE", entity, 3))).toHaveLength(1);
  });

  it("shows a refused deletion as an alert and stays", async () => {
    fakeApi((call) => {
      if (isCall(call, "GET", entity, 3)) return [200, row];
      if (isCall(call, "DELETE", entity, 3)) return [409, { detail: "It is still referenced" }];
      return undefined;
    });
    const at = renderAt(`/${entity.path}/3`);
    fireEvent.click(await screen.findByRole("button", { name: "Delete" }));
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Delete" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("It is still referenced");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(at.pathname).toBe(`/${entity.path}/3`);
  });

  it("says when the record does not exist", async () => {
    fakeApi(() => undefined);
    renderAt(`/${entity.path}/99`);
    expect(await screen.findByRole("alert")).toHaveTextContent("does not exist");
  });
});
