import { describe, expect, it } from "vitest";
import { displayRow, formatValue } from "./format";
import type { EntityMeta, FieldMeta } from "./meta";

const field = (kind: FieldMeta["kind"], target?: string): FieldMeta => ({
  name: kind,
  label: kind,
  kind,
  required: false,
  nullable: true,
  target,
});

describe("formatValue", () => {
  it("reads values the way people write them", () => {
    expect(formatValue(field("boolean"), true)).toBe("Yes");
    expect(formatValue(field("text"), null)).toBe("—");
    expect(formatValue(field("datetime"), "2026-03-14T09:30:00Z")).toBe("2026-03-14 09:30 UTC");
    expect(formatValue(field("time"), "09:30:00Z")).toBe("09:30:00");
    expect(formatValue(field("json"), { a: 1 })).toBe('{"a":1}');
  });

  it("names referenced rows when they are known, else shows their id", () => {
    const lookup = (target: string, id: number) => (target === "Owner" && id === 1 ? "Ann" : undefined);
    expect(formatValue(field("reference", "Owner"), 1, lookup)).toBe("Ann");
    expect(formatValue(field("reference", "Owner"), 2, lookup)).toBe("#2");
    expect(formatValue(field("multi", "Owner"), [1, 2], lookup)).toBe("Ann, #2");
    expect(formatValue(field("multi", "Owner"), [], lookup)).toBe("—");
  });
});

describe("displayRow", () => {
  const entity = { label: "Pet", display: "name", fields: [field("text")] } as unknown as EntityMeta;
  const named = { ...entity, fields: [{ ...field("text"), name: "name" }] };
  it("uses the display field, or the label and id", () => {
    expect(displayRow(named, { id: 3, name: "Rex" })).toBe("Rex");
    expect(displayRow(named, { id: 3, name: "" })).toBe("Pet #3");
    expect(displayRow({ ...named, display: null }, { id: 4 })).toBe("Pet #4");
  });

  it("formats a display field that is not text", () => {
    const visit = { ...entity, display: "datetime", fields: [field("datetime")] };
    expect(displayRow(visit, { id: 1, datetime: "2026-03-14T09:30:00Z" })).toBe("2026-03-14 09:30 UTC");
  });
});
