/** What a failed call tells the user. */
import { ApiError, type FieldErrors } from "../api/errors";

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The server's messages by field, for the fields a form shows; the rest is the form's error. */
export function splitErrors(err: unknown, shown: readonly string[]): { fields: FieldErrors; form: string } {
  if (!(err instanceof ApiError)) return { fields: {}, form: messageOf(err) };
  const fields: FieldErrors = {};
  const general = [err.message];
  for (const [name, message] of Object.entries(err.fields)) {
    if (shown.includes(name)) fields[name] = message;
    else general.push(`${name}: ${message}`);
  }
  return { fields, form: general.join("; ") };
}
