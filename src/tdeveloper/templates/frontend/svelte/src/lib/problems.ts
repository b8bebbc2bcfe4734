/** What to tell people when a call fails. */
import { ApiError, type FieldErrors } from "../api/errors";

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * A failed save, for a form showing `fields`: messages at their inputs, and the rest (a 409,
 * an unreachable server, issues of no field or of a field not shown) as one form message.
 */
export function formProblems(
  error: unknown,
  fields: readonly string[],
): { fields: FieldErrors; message: string | null } {
  if (!(error instanceof ApiError)) return { fields: {}, message: messageOf(error) };
  const shown: FieldErrors = {};
  const other: string[] = [];
  for (const [name, text] of Object.entries(error.fields)) {
    if (fields.includes(name)) shown[name] = text;
    else other.push(`${name}: ${text}`);
  }
  return { fields: shown, message: [error.message, ...other].join("; ") };
}
