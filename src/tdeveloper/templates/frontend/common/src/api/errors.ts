/** Errors of API calls, with the server's validation messages by field. */

export type FieldErrors = Record<string, string>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: FieldErrors = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

interface Issue {
  loc?: unknown;
  msg?: unknown;
}

const STATUS: Record<number, string> = {
  401: "Please sign in",
  403: "You are not allowed to do this",
  404: "Not found",
  409: "This conflicts with existing data",
};

/** An ApiError from a response body: FastAPI's `{"detail": "..."}` or its 422 issue list. */
export function apiError(status: number, body: unknown): ApiError {
  const detail = (body as { detail?: unknown } | null | undefined)?.detail;
  if (typeof detail === "string") return new ApiError(status, detail);
  if (!Array.isArray(detail)) return new ApiError(status, STATUS[status] ?? `Request failed (${status})`);
  const fields: FieldErrors = {};
  const general: string[] = [];
  for (const issue of detail as Issue[]) {
    const loc = Array.isArray(issue.loc) ? issue.loc : [];
    const msg = typeof issue.msg === "string" ? issue.msg : "Invalid value";
    const field = loc[0] === "body" && typeof loc[1] === "string" ? loc[1] : null;
    if (field === null) general.push(msg);
    else fields[field] ??= msg;
  }
  return new ApiError(status, general.join("; ") || "Some values need correcting", fields);
}

interface Outcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful call; an ApiError otherwise (status 0: the server is unreachable). */
export async function unwrap<T>(call: Promise<Outcome<T>>): Promise<T> {
  let outcome: Outcome<T>;
  try {
    outcome = await call;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ApiError(0, `Cannot reach the server (${reason})`);
  }
  if (!outcome.response.ok) throw apiError(outcome.response.status, outcome.error);
  return outcome.data as T;
}
