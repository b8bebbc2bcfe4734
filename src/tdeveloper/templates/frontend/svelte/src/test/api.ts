/** A fake backend for component tests: each test says how to answer; every request is kept. */
import { ENTITIES } from "../entities";
import type { EntityMeta, Row } from "../lib/meta";

type Answer = Response | undefined;
export type Handler = (request: Request, url: URL) => Answer | Promise<Answer>;

let handler: Handler = () => undefined;

/** The requests the app made since the last `serve`. */
export const requests: Request[] = [];

export function serve(next: Handler): void {
  handler = next;
  requests.length = 0;
}

export function json(body: unknown, status = 200): Response {
  return new Response(body === null ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

export function page(items: readonly Row[]): Response {
  return json({ items, total: items.length, limit: 20, offset: 0 });
}

export async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const request = input instanceof Request ? input : new Request(input, init);
  requests.push(request.clone());
  // Unanswered calls (such as the choices of reference fields) get an empty list.
  return (await handler(request, new URL(request.url))) ?? page([]);
}

/** The first entity with a required text field (for validation tests), else the first. */
export function sampleEntity(): EntityMeta {
  return ENTITIES.find((e) => e.fields.some((f) => f.required && f.kind === "text")) ?? ENTITIES[0];
}

/** A row of `entity` with a value of the right kind in every field. */
export function sampleRow(entity: EntityMeta, id: number, text = `Sample ${id}`): Row {
  const values: Record<string, unknown> = { id };
  for (const field of entity.fields) {
    const kind = field.kind;
    if (kind === "boolean") values[field.name] = true;
    else if (kind === "multi") values[field.name] = [];
    else if (kind === "reference" || kind === "integer" || kind === "float") values[field.name] = id;
    else if (kind === "enum") values[field.name] = field.options?.[0] ?? null;
    else if (kind === "json") values[field.name] = {};
    else if (kind === "text" || kind === "textarea") values[field.name] = text;
    else values[field.name] = null;
  }
  return values as Row;
}
