import { cleanup, fireEvent, screen, waitFor } from "@testing-library/vue";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ENTITIES } from "../entities";
import { calls, json, listAnswer, renderAt, type FetchMock } from "../test/app";

const fetchMock: FetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  vi.stubGlobal("fetch", mock);
  return mock;
});

const entity = ENTITIES[0]!;
const field = entity.fields[0]!;

/** The answer to the form's POST; reference choices load as empty lists. */
function answerPost(response: () => Response): void {
  fetchMock.mockImplementation(async (request) =>
    request.method === "POST" ? response() : listAnswer(entity, [])(request)!,
  );
}

describe("the create form", () => {
  afterEach(cleanup);
  beforeEach(() => {
    fetchMock.mockReset(); // (a hook that returns a function has it called as teardown)
  });

  it("shows the server's validation messages at their fields", async () => {
    answerPost(() =>
      json({ detail: [{ loc: ["body", field.name], msg: "Field required", type: "missing" }] }, 422),
    );
    await renderAt(`/${entity.path}/new`);
    expect(screen.getByRole("heading", { level: 1, name: `New ${entity.label}` })).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: "Save" }));

    const message = await screen.findByText("Field required");
    expect(message.getAttribute("data-field-error")).toBe(field.name);
    const input = document.getElementById(`field-${field.name}`)!;
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(input.getAttribute("aria-describedby")).toBe(message.id);
    expect(calls(fetchMock)).toContain(`POST /api/${entity.path}`);
  });

  it("shows a conflict as the form's error", async () => {
    answerPost(() => json({ detail: `This ${entity.label} already exists` }, 409));
    const { router } = await renderAt(`/${entity.path}/new`);
    await fireEvent.click(screen.getByRole("button", { name: "Save" }));

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain(`This ${entity.label} already exists`);
    expect(alert.classList.contains("form-error")).toBe(true);
    expect(document.querySelector("[data-field-error]")).toBeNull();
    await waitFor(() =>
      expect(screen.getByRole("button", { name: "Save" }).hasAttribute("disabled")).toBe(false),
    );
    expect(router.currentRoute.value.path).toBe(`/${entity.path}/new`);
  });
});
