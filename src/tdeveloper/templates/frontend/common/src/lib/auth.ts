/**
 * The access token, kept in localStorage so a reload stays signed in, and who is told when
 * it changes. A 401 from the API (an expired token) signs out: the pages then show the
 * sign-in page.
 */
import { APP } from "../entities";

type Listener = (signedIn: boolean) => void;

const KEY = `${APP.name}.token`;
const listeners = new Set<Listener>();

function storage(): Storage | null {
  return typeof localStorage === "undefined" ? null : localStorage;
}

function notify(signedIn: boolean): void {
  for (const listener of listeners) listener(signedIn);
}

export const auth = {
  /** Whether pages need a signed-in account (the app has accounts). */
  required: APP.auth,
  token(): string | null {
    return storage()?.getItem(KEY) ?? null;
  },
  signedIn(): boolean {
    return this.token() !== null;
  },
  signIn(token: string): void {
    storage()?.setItem(KEY, token);
    notify(true);
  },
  signOut(): void {
    storage()?.removeItem(KEY);
    notify(false);
  },
  /** The server refused the token: forget it (once). */
  expire(): void {
    if (this.token() !== null) this.signOut();
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
