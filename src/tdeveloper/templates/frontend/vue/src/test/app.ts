/**
 * Helpers of the component tests: the whole app rendered at a path (memory history), and
 * API answers. Tests use the generated entities generically, so they hold for any app.
 */
import { render } from "@testing-library/vue";
import type { Mock } from "vitest";
import App from "../App.vue";
import { ENTITIES } from "../entities";
import { auth } from "../lib/auth";
import type { EntityMeta, Row } from "../lib/meta";
import { createAppRouter } from "../router";

export type FetchMock = Mock<(input: Request) => Promise<Response>>;

/** The app at `path`, signed in when it has accounts (unless `signedIn` is false). */
export async function renderAt(path: string, { signedIn = true } = {}) {
  if (auth.required) {
    if (signedIn) auth.signIn("test-token");
    else auth.signOut();
  }
  const router = createAppRouter(true);
  await router.push(path);
  await router.isReady();
  return { router, ...render(App, { global: { plugins: [router] } }) };
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

export const page = (items: Row[]) => json({ items, total: items.length, limit: 20, offset: 0 });

/** A row that names itself through the entity's display field, when it has one. */
export function sampleRow(entity: EntityMeta, id: number): Row {
  return entity.display ? { id, [entity.display]: `${entity.label} sample ${id}` } : { id };
}

/** Answers GET /api/<path> with `rows` for `entity` and with no rows for other entities. */
export function listAnswer(entity: EntityMeta, rows: Row[]) {
  return (request: Request): Response | undefined => {
    const url = new URL(request.url);
    if (request.method !== "GET") return undefined;
    if (url.pathname === `/api/${entity.path}`) return page(rows);
    if (ENTITIES.some((e) => url.pathname === `/api/${e.path}`)) return page([]);
    return undefined;
  };
}

/** The requests made so far, as "METHOD /path?query". */
export function calls(fetchMock: FetchMock): string[] {
  return fetchMock.mock.calls.map(([request]) => {
    const url = new URL(request.url);
    return `${request.method} ${url.pathname}${url.search}`;
  });
}
