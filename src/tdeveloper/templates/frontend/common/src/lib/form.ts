/**
 * Form values <-> API payloads. Inputs hold text (a checkbox a boolean, a multi-select a
 * list of ids); payloads hold what the API's schema asks for. The server is the validator:
 * only what cannot be sent at all (a malformed number or JSON) is refused here.
 */
import type { FieldErrors } from "../api/errors";
import type { EntityMeta, FieldMeta, Payload, Row } from "./meta";

export type FormValue = string | boolean | string[];
export type FormValues = Record<string, FormValue>;
export type FormMode = "create" | "update";

const WHOLE = /^-?\d+$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const OFFSET = /(Z|[+-]\d{2}:?\d{2})$/;

/** The fields a form shows: every field of the entity. */
export function formFields(entity: EntityMeta): readonly FieldMeta[] {
  return entity.fields;
}

function empty(field: FieldMeta): FormValue {
  if (field.kind === "boolean") return false;
  if (field.kind === "multi") return [];
  return "";
}

export function emptyValues(entity: EntityMeta): FormValues {
  return Object.fromEntries(entity.fields.map((f) => [f.name, empty(f)]));
}

/** The value an input shows for a value the API returned. */
export function toFormValue(field: FieldMeta, value: unknown): FormValue {
  if (value === null || value === undefined) return empty(field);
  switch (field.kind) {
    case "boolean":
      return value === true;
    case "multi":
      return Array.isArray(value) ? value.map(String) : [];
    case "json":
      return JSON.stringify(value, null, 2);
    case "datetime": {
      // <input type="datetime-local"> has no zone: the form works in UTC, as the API stores.
      const moment = new Date(String(value));
      return Number.isNaN(moment.getTime()) ? "" : moment.toISOString().slice(0, 16);
    }
    case "time": {
      const time = String(value).replace(OFFSET, "");
      return time.endsWith(":00") && time.length === 8 ? time.slice(0, 5) : time;
    }
    default:
      return String(value);
  }
}

export function toFormValues(entity: EntityMeta, row: Row): FormValues {
  return Object.fromEntries(entity.fields.map((f) => [f.name, toFormValue(f, row[f.name])]));
}

type Parsed = { value: unknown } | { error: string };

/** The API value of a filled-in input, or why it cannot be one. */
export function parseValue(field: FieldMeta, input: FormValue): Parsed {
  if (field.kind === "boolean") return { value: input === true };
  if (field.kind === "multi") return { value: (input as string[]).map(Number) };
  const text = String(input).trim();
  switch (field.kind) {
    case "integer":
      return WHOLE.test(text) ? { value: Number(text) } : { error: "Enter a whole number" };
    case "float":
      return Number.isFinite(Number(text)) ? { value: Number(text) } : { error: "Enter a number" };
    case "decimal": // sent as text, so no digit is lost to floating point
      return DECIMAL.test(text) ? { value: text } : { error: "Enter a number" };
    case "reference":
      return { value: Number(text) };
    case "datetime":
      return { value: `${text.length === 16 ? `${text}:00` : text}Z` };
    case "time":
      return { value: text.length === 5 ? `${text}:00` : text };
    case "json":
      return parseJson(text);
    default:
      return { value: String(input) };
  }
}

function parseJson(text: string): Parsed {
  try {
    const value: unknown = JSON.parse(text);
    const isObject = typeof value === "object" && value !== null && !Array.isArray(value);
    return isObject ? { value } : { error: "Enter a JSON object, such as {}" };
  } catch {
    return { error: "Enter valid JSON" };
  }
}

function isBlank(field: FieldMeta, input: FormValue): boolean {
  return field.kind !== "boolean" && field.kind !== "multi" && String(input).trim() === "";
}

/**
 * The request body for `values`. A blank input is left out of a create (the server then
 * reports a missing required field, or uses its default) and sent as null in an update (it
 * clears the field, or the server reports that it cannot be empty).
 */
export function toPayload(
  entity: EntityMeta,
  values: FormValues,
  mode: FormMode,
): { payload: Payload; errors: FieldErrors } {
  const payload: Payload = {};
  const errors: FieldErrors = {};
  for (const field of entity.fields) {
    const input = values[field.name] ?? empty(field);
    if (isBlank(field, input)) {
      if (mode === "update") payload[field.name] = null;
      continue;
    }
    const parsed = parseValue(field, input);
    if ("error" in parsed) errors[field.name] = parsed.error;
    else payload[field.name] = parsed.value;
  }
  return { payload, errors };
}
