import { describe, expect, it } from "vitest";
import { ENTITIES } from "../entities";
import { emptyValues, toFormValue, toFormValues, toPayload } from "./form";
import type { EntityMeta, FieldMeta } from "./meta";

const field = (kind: FieldMeta["kind"], extra: Partial<FieldMeta> = {}): FieldMeta => ({
  name: kind,
  label: kind,
  kind,
  required: false,
  nullable: true,
  ...extra,
});

const entity: EntityMeta = {
  name: "Sample",
  label: "Sample",
  plural: "Samples",
  path: "samples",
  display: "text",
  searchable: true,
  sortable: ["id", "text"],
  columns: ["text"],
  fields: [
    field("text", { required: true, nullable: false }),
    field("integer"),
    field("decimal"),
    field("float"),
    field("boolean"),
    field("datetime"),
    field("time"),
    field("json"),
    field("reference", { target: "Other" }),
    field("multi", { target: "Other" }),
  ],
};

describe("toPayload", () => {
  it("converts every kind of input to what the API expects", () => {
    const values = {
      ...emptyValues(entity),
      text: "Rex",
      integer: "42",
      decimal: "12.50",
      float: "2.5",
      boolean: true,
      datetime: "2026-03-14T09:30",
      time: "09:30",
      json: '{"a": 1}',
      reference: "7",
      multi: ["3", "5"],
    };
    expect(toPayload(entity, values, "create")).toEqual({
      payload: {
        text: "Rex",
        integer: 42,
        decimal: "12.50",
        float: 2.5,
        boolean: true,
        datetime: "2026-03-14T09:30:00Z",
        time: "09:30:00",
        json: { a: 1 },
        reference: 7,
        multi: [3, 5],
      },
      errors: {},
    });
  });

  it("leaves blanks out of a create, so the server names missing required fields", () => {
    const { payload } = toPayload(entity, emptyValues(entity), "create");
    expect(payload).toEqual({ boolean: false, multi: [] });
  });

  it("sends blanks as null in an update, which clears them", () => {
    const { payload } = toPayload(entity, emptyValues(entity), "update");
    expect(payload.text).toBeNull();
    expect(payload.integer).toBeNull();
  });

  it("refuses what cannot be sent, by field", () => {
    const values = { ...emptyValues(entity), integer: "4.5", decimal: "abc", json: "[1]" };
    const { errors } = toPayload(entity, values, "create");
    expect(errors).toEqual({
      integer: "Enter a whole number",
      decimal: "Enter a number",
      json: "Enter a JSON object, such as {}",
    });
  });
});

describe("toFormValue", () => {
  it("shows API values in inputs", () => {
    expect(toFormValue(field("datetime"), "2026-03-14T09:30:00Z")).toBe("2026-03-14T09:30");
    expect(toFormValue(field("time"), "09:30:00Z")).toBe("09:30");
    expect(toFormValue(field("time"), "09:30:15+00:00")).toBe("09:30:15");
    expect(toFormValue(field("multi"), [1, 2])).toEqual(["1", "2"]);
    expect(toFormValue(field("boolean"), null)).toBe(false);
    expect(toFormValue(field("integer"), null)).toBe("");
  });

  it("round-trips a row through the form unchanged", () => {
    const row = { id: 1, text: "Rex", integer: 3, decimal: "1.20", multi: [4], boolean: false };
    const { payload } = toPayload(entity, toFormValues(entity, row), "create");
    expect(payload).toMatchObject({ text: "Rex", integer: 3, decimal: "1.20", multi: [4] });
  });
});

describe("the generated entities", () => {
  it.each(ENTITIES.map((e) => [e.name, e] as const))("%s: an empty create form sends no text", (_, e) => {
    const { payload, errors } = toPayload(e, emptyValues(e), "create");
    expect(errors).toEqual({});
    for (const value of Object.values(payload)) expect(typeof value === "boolean" || Array.isArray(value)).toBe(true);
  });

  it.each(ENTITIES.map((e) => [e.name, e] as const))("%s: its columns and display are fields", (_, e) => {
    const names = e.fields.map((f) => f.name);
    for (const column of e.columns) expect(names).toContain(column);
    if (e.display) expect(names).toContain(e.display);
  });
});
