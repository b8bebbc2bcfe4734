/**
 * Who is signed in, as reactive state for the shell, and the sign-in calls.
 *
 * The calls live in src/api/session.ts, which is generated only for apps with accounts (its
 * paths exist only in their OpenAPI schema). A glob import finds it when it exists, so apps
 * without accounts build as well; their router has no sign-in pages.
 */
import { readonly, ref } from "vue";
import type { RouteLocationRaw } from "vue-router";
import { auth } from "../lib/auth";

export interface SessionApi {
  signIn(email: string, password: string): Promise<void>;
  register(name: string, email: string, password: string): Promise<void>;
}

const modules = import.meta.glob<SessionApi>("../api/session.ts", { eager: true });

export function sessionApi(): SessionApi {
  const found = Object.values(modules)[0];
  if (!found) throw new Error("This app has no accounts");
  return found;
}

const state = ref(auth.signedIn());
auth.subscribe((signedIn) => {
  state.value = signedIn;
});

export const signedIn = readonly(state);

/** Where the sign-in page sends the user back to: only a path of this app. */
export function signInRoute(next: string): RouteLocationRaw {
  return { path: "/login", query: next && next !== "/" ? { next } : {} };
}

export function afterSignIn(next: unknown): string {
  return typeof next === "string" && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}
