/**
 * Signing in and registering, from `src/api/session.ts`, which exists only in apps with
 * accounts. It is found with import.meta.glob so that the sign-in pages also compile in apps
 * without accounts, where the router never shows them.
 */
export interface Session {
  signIn(email: string, password: string): Promise<void>;
  register(name: string, email: string, password: string): Promise<void>;
}

const found = import.meta.glob<Session>("../api/session.ts", { eager: true });

export const session: Session | null = found["../api/session.ts"] ?? null;

export function requireSession(): Session {
  if (!session) throw new Error("This app has no accounts");
  return session;
}
