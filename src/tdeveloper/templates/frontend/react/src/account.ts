/**
 * The sign-in calls. `src/api/session.ts` is generated only for apps with accounts, so it is
 * found with a glob rather than imported: an app without accounts still compiles.
 */
export interface Session {
  signIn(email: string, password: string): Promise<void>;
  register(name: string, email: string, password: string): Promise<void>;
  currentAccount(): Promise<{ name?: string | null; email: string }>;
}

const found = import.meta.glob<Session>("./api/session.ts", { eager: true });

export function session(): Session {
  const module = Object.values(found)[0];
  if (!module) throw new Error("This app has no accounts");
  return module;
}

/** Pages anyone may open, signed in or not (the shell sends everyone else to /login). */
export const PUBLIC_PATHS: readonly string[] = ["/login", "/register"];

/** Where to go after signing in: a path of this app from `?next=`, else home. */
export function nextPath(params: URLSearchParams): string {
  const next = params.get("next") ?? "";
  // Only paths of this app: `//host`, `/\host` (read as `//host`) or a full URL would leave it.
  return /^\/(?![/\\])/.test(next) ? next : "/";
}

/** The sign-in page's address that comes back to `path` afterwards. */
export function loginPath(path: string): string {
  return path === "/" ? "/login" : `/login?next=${encodeURIComponent(path)}`;
}
