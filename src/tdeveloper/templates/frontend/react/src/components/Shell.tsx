/**
 * The frame of every page: the app's title, the entity navigation and the page in <main>.
 * When the app has accounts and no one is signed in (or a 401 signed them out), every page
 * but sign-in and register goes to /login, which comes back here afterwards.
 */
import { Link, Navigate, NavLink, Outlet, useLocation } from "react-router";
import { loginPath, PUBLIC_PATHS } from "../account";
import { APP, ENTITIES } from "../entities";
import { useSignedIn } from "../hooks/useSignedIn";
import { auth } from "../lib/auth";
import { AccountMenu } from "./AccountMenu";

export function Shell() {
  const signedIn = useSignedIn();
  const location = useLocation();
  const usable = !auth.required || signedIn;

  if (!usable && !PUBLIC_PATHS.includes(location.pathname)) {
    return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  }
  return (
    <>
      <header className="app-header container">
        <Link to="/" className="brand">
          <strong>{APP.title}</strong>
        </Link>
        {auth.required && signedIn && <AccountMenu />}
      </header>
      {usable && (
        <nav className="app-nav container">
          <ul>
            {ENTITIES.map((entity) => (
              <li key={entity.name}>
                <NavLink to={`/${entity.path}`}>{entity.plural}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <main className="container">
        <Outlet />
      </main>
    </>
  );
}
