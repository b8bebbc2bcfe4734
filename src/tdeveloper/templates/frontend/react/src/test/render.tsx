import { render } from "@testing-library/react";
import { MemoryRouter, useLocation } from "react-router";
import { APP } from "../entities";
import { auth } from "../lib/auth";
import { AppRoutes } from "../routes";

/** Where the app is: kept up to date as it navigates. */
export interface At {
  pathname: string;
  search: string;
}

/** The whole app at `path`, signed in when it has accounts (unless told otherwise). */
export function renderAt(path: string, { signedIn = true } = {}): At {
  if (APP.auth && signedIn) auth.signIn("test-token");
  const at: At = { pathname: "", search: "" };
  function Probe() {
    const location = useLocation();
    at.pathname = location.pathname;
    at.search = location.search;
    return null;
  }
  render(
    <MemoryRouter initialEntries={[path]}>
      <AppRoutes />
      <Probe />
    </MemoryRouter>,
  );
  return at;
}
