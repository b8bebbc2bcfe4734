/**
 * Which page a URL shows: real paths through the History API (sv-router). The routes of each
 * entity come from src/entities.ts, so an unknown path falls through to "page not found".
 */
import { createRouter, serializeSearch, type Hooks, type RouteComponent, type Routes } from "sv-router";
import { ENTITIES } from "./entities";
import { auth } from "./lib/auth";
import EntityRoute from "./pages/EntityRoute.svelte";
import Home from "./pages/Home.svelte";
import Login from "./pages/Login.svelte";
import NotFound from "./pages/NotFound.svelte";
import Register from "./pages/Register.svelte";

const ACCOUNT_PAGES = new Set(["/login", "/register"]);

const hooks: Hooks = {
  beforeLoad({ pathname, search }) {
    if (!auth.required) {
      if (ACCOUNT_PAGES.has(pathname)) throw navigate("/", { replace: true });
    } else if (!auth.signedIn() && !ACCOUNT_PAGES.has(pathname)) {
      // The hook's search is parsed ("007" becomes 7): on a page load the URL is the original.
      const here = pathname === location.pathname;
      throw signInFirst(pathname + (here ? location.search : (serializeSearch(search) ?? "")));
    }
  },
};

// The same generic pages for every entity; EntityRoute reads the entity and view from the path.
const entityRoutes: Record<`/${string}`, RouteComponent> = Object.fromEntries(
  ENTITIES.flatMap(({ path }) => ["", "/new", "/:id", "/:id/edit"].map((view) => [`/${path}${view}`, EntityRoute])),
);

// Typed as plain Routes (the paths are only known at run time): navigate takes any "/..." path.
const routes: Routes = {
  "/": Home,
  "/login": Login,
  "/register": Register,
  ...entityRoutes,
  "*": NotFound,
  hooks,
};

export const { navigate, route } = createRouter(routes);

/** The sign-in page, which comes back to `next` afterwards. */
export function signInFirst(next: string) {
  return navigate("/login", { search: nextSearch(next), replace: true });
}

/** The query that carries `next` from page to page while signing in ("" for home). */
export function nextSearch(next: string): string {
  return next === "/" ? "" : `?${new URLSearchParams({ next })}`;
}

/** Where `next` (from the URL) leads: only to a page of this app, else home. */
export function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

/** Goes to a URL of this app given as text (such as the sign-in page's `next`). */
export function visit(url: string, replace = false) {
  const { pathname, search } = new URL(safeNext(url), location.origin);
  return navigate(pathname as `/${string}`, { search, replace }); // a URL's pathname starts with "/"
}

// sv-router 0.16 takes over every link click, even Ctrl/Cmd/Shift-clicks meant for a new tab or
// window (fixed upstream in colinlienard/sv-router#315, not released yet): keep those for the
// browser by not letting them reach the router's listener on window.
if (typeof document !== "undefined") {
  document.addEventListener("click", (event) => {
    const modified = event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
    if (modified && event.target instanceof Element && event.target.closest("a[href]")) {
      event.stopPropagation();
    }
  });
}
