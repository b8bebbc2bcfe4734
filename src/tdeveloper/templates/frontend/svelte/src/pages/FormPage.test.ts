import { fireEvent, render, screen } from "@testing-library/svelte";
import { beforeEach, describe, expect, it } from "vitest";
import { auth } from "../lib/auth";
import { json, requests, sampleEntity, serve } from "../test/api";
import FormPage from "./FormPage.svelte";

const entity = sampleEntity();
const field = entity.fields.find((f) => f.required && f.kind === "text") ?? entity.fields[0];
const creates = () => requests.filter((r) => r.method === "POST");

beforeEach(() => {
  if (auth.required) auth.signIn("test-token");
});

describe("the form page", () => {
  it("shows the server's validation messages at their fields", async () => {
    const detail = [{ loc: ["body", field.name], msg: "Field required", type: "missing" }];
    serve((request) => (request.method === "POST" ? json({ detail }, 422) : undefined));
    render(FormPage, { entity });

    await fireEvent.click(screen.getByRole("button", { name: "Save" }));

    const message = await screen.findByText("Field required");
    expect(message).toHaveAttribute("data-field-error", field.name);
    const input = document.getElementById(`field-${field.name}`)!;
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveAttribute("aria-describedby", message.id);
    expect(creates()).toHaveLength(1);
  });

  it("shows a conflict as a message of the whole form", async () => {
    serve((request) => (request.method === "POST" ? json({ detail: "That one already exists" }, 409) : undefined));
    render(FormPage, { entity });

    await fireEvent.click(screen.getByRole("button", { name: "Save" }));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("That one already exists");
    expect(alert).toHaveClass("form-error");
  });

  it("labels every input with its field", () => {
    render(FormPage, { entity });
    for (const f of entity.fields) {
      expect(screen.getByLabelText(f.label, { exact: true })).toHaveAttribute("id", `field-${f.name}`);
    }
  });
});
