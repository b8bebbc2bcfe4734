import { useEffect, useState } from "react";
import { session } from "../account";
import { auth } from "../lib/auth";

/**
 * Who is signed in, and the way out. Asking the server who the token belongs to also checks the
 * token when the app opens: a stale one gets a 401, which signs out (see api/client.ts), even
 * on pages whose data anyone may read.
 */
export function AccountMenu() {
  const [who, setWho] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    session()
      .currentAccount()
      .then(
        (account) => current && setWho(account.name || account.email),
        () => undefined, // the name is a courtesy; the page works without it
      );
    return () => {
      current = false;
    };
  }, []);

  return (
    <div className="account">
      {who && <span className="muted">{who}</span>}
      <button type="button" className="secondary outline" onClick={() => auth.signOut()}>
        Sign out
      </button>
    </div>
  );
}
