/** How values read in lists and on detail pages. */
import type { EntityMeta, FieldMeta, Row } from "./meta";

/** Names rows of other entities by id, once their lists are loaded (else `#id` is shown). */
export type Lookup = (target: string, id: number) => string | undefined;

const OFFSET = /(Z|[+-]\d{2}:?\d{2})$/;
export const NONE = "—";

/** A row's name: its display field as the list shows it, or "<Label> #<id>" when empty. */
export function displayRow(entity: EntityMeta, row: Row): string {
  const value = entity.display ? row[entity.display] : null;
  if (value === null || value === undefined || String(value).trim() === "") {
    return `${entity.label} #${row.id}`;
  }
  return formatValue(fieldNamed(entity, entity.display!), value);
}

function named(field: FieldMeta, id: unknown, lookup?: Lookup): string {
  const known = field.target && lookup ? lookup(field.target, Number(id)) : undefined;
  return known ?? `#${String(id)}`;
}

export function formatValue(field: FieldMeta, value: unknown, lookup?: Lookup): string {
  if (value === null || value === undefined || value === "") return NONE;
  switch (field.kind) {
    case "boolean":
      return value === true ? "Yes" : "No";
    case "datetime": {
      const moment = new Date(String(value));
      if (Number.isNaN(moment.getTime())) return String(value);
      return `${moment.toISOString().slice(0, 16).replace("T", " ")} UTC`;
    }
    case "time":
      return String(value).replace(OFFSET, "");
    case "json":
      return JSON.stringify(value);
    case "reference":
      return named(field, value, lookup);
    case "multi": {
      const ids = Array.isArray(value) ? value : [];
      return ids.length ? ids.map((id) => named(field, id, lookup)).join(", ") : NONE;
    }
    default:
      return String(value);
  }
}

export function fieldNamed(entity: EntityMeta, name: string): FieldMeta {
  const field = entity.fields.find((f) => f.name === name);
  if (!field) throw new Error(`${entity.name} has no field ${name}`);
  return field;
}
