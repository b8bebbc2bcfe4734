import { useSyncExternalStore } from "react";
import { auth } from "../lib/auth";

const subscribe = (changed: () => void) => {
  const stop = auth.subscribe(() => changed());
  return () => void stop();
};
const snapshot = () => auth.signedIn();

/** Whether a token is held; pages re-render on sign-in, sign-out and on a 401. */
export function useSignedIn(): boolean {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
