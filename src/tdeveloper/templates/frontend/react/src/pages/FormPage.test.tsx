import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ENTITIES } from "../entities";
import { displayRow } from "../lib/format";
import { fakeApi, isCall, sampleRow, type Answer } from "../test/api";
import { renderAt } from "../test/render";

const entity = ENTITIES[0];
const field = entity.fields[0];

describe(`the ${entity.label} form`, () => {
  it("shows the server's 422 messages at their fields, and a 409 as a form error", async () => {
    let answer: Answer = [422, { detail: [{ loc: ["body", field.name], msg: "Field required", type: "missing" }] }];
    const calls = fakeApi((call) => (isCall(call, "POST", entity) ? answer : undefined));
    renderAt(`/${entity.path}/new`);
    expect(await screen.findByRole("heading", { level: 1, name: `New ${entity.label}` })).toBeInTheDocument();
    for (const f of entity.fields) expect(document.getElementById(`field-${f.name}`)).toHaveAttribute("name", f.name);

    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    const message = await screen.findByText("Field required");
    expect(message).toHaveAttribute("data-field-error", field.name);
    const input = document.getElementById(`field-${field.name}`);
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveAttribute("aria-describedby", `field-${field.name}-error`);
    expect(calls.filter((c) => isCall(c, "POST", entity))).toHaveLength(1);

    answer = [409, { detail: `This ${entity.label} already exists` }];
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveClass("form-error");
    expect(alert).toHaveTextContent(`This ${entity.label} already exists`);
    expect(document.querySelector("[data-field-error]")).toBeNull();
  });

  it("edits a record and goes to its page", async () => {
    const row = sampleRow(entity, 7);
    const calls = fakeApi((call) => {
      if (isCall(call, "GET", entity, 7)) return [200, row];
      if (isCall(call, "PATCH", entity, 7)) return [200, row];
      return undefined;
    });
    const at = renderAt(`/${entity.path}/7/edit`);
    expect(await screen.findByRole("heading", { level: 1, name: `Edit ${displayRow(entity, row)}` })).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(at.pathname).toBe(`/${entity.path}/7`));
    const patch = calls.find((c) => isCall(c, "PATCH", entity, 7));
    expect(patch?.body).toHaveProperty(field.name);
  });
});
