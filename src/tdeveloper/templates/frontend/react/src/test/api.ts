/** A fake backend for component tests: answers and records what the app fetches. */
import { vi } from "vitest";
import type { EntityMeta, FieldMeta, Row } from "../lib/meta";

export interface Call {
  method: string;
  url: URL;
  body: unknown;
}

/** [status, JSON body], or undefined to get the default answer. */
export type Answer = [number, unknown] | undefined;

/**
 * Routes every fetch to `answer`. Unanswered calls get an empty page for a list (so selects and
 * name lookups load nothing) and a 404 otherwise. Returns the calls, in order.
 */
export function fakeApi(answer: (call: Call) => Answer): Call[] {
  const calls: Call[] = [];
  vi.mocked(fetch).mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const text = await request.clone().text();
    const call: Call = { method: request.method, url: new URL(request.url), body: text ? JSON.parse(text) : undefined };
    calls.push(call);
    const [status, body] = answer(call) ?? fallback(call);
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { "Content-Type": "application/json" },
    });
  });
  return calls;
}

function fallback(call: Call): [number, unknown] {
  const isList = call.method === "GET" && /^\/api\/[^/]+$/.test(call.url.pathname);
  return isList ? [200, page([])] : [404, { detail: "Not found" }];
}

export function page(items: Row[]): { items: Row[]; total: number; limit: number; offset: number } {
  return { items, total: items.length, limit: 20, offset: 0 };
}

/** Whether `call` is `method` on the entity's collection (`/api/<path>`) or one of its rows. */
export function isCall(call: Call, method: string, entity: EntityMeta, id?: number): boolean {
  const path = id === undefined ? `/api/${entity.path}` : `/api/${entity.path}/${id}`;
  return call.method === method && call.url.pathname === path;
}

function sampleValue(field: FieldMeta, id: number): unknown {
  switch (field.kind) {
    case "boolean":
      return true;
    case "integer":
    case "float":
    case "reference":
      return 1;
    case "decimal":
      return "1.50";
    case "enum":
      return field.options?.[0] ?? "a";
    case "multi":
      return [];
    case "json":
      return {};
    case "date":
      return "2026-03-10";
    case "datetime":
      return "2026-03-10T09:30:00Z";
    case "time":
      return "09:30:00";
    case "email":
      return `row${id}@example.com`;
    case "url":
      return `https://example.com/${id}`;
    case "uuid":
      return "7d444840-9dc0-11d1-b245-5ffdce74fad2";
    default:
      return `${field.label} ${id}`;
  }
}

/** A row of any entity, every field filled. */
export function sampleRow(entity: EntityMeta, id: number): Row {
  return { id, ...Object.fromEntries(entity.fields.map((f) => [f.name, sampleValue(f, id)])) };
}
