import { describe, expect, it } from "vitest";
import { APP, ENTITIES } from "./entities";
import { auth } from "./lib/auth";
import { navigate, safeNext } from "./router";

const list = `/${ENTITIES[0].path}` as const;

describe("the router", () => {
  it.runIf(APP.auth)("sends someone signed out to the sign-in page, then back", async () => {
    auth.signOut();
    await navigate(list, { search: "?page=2" });
    expect(location.pathname).toBe("/login");
    expect(new URLSearchParams(location.search).get("next")).toBe(`${list}?page=2`);

    auth.signIn("test-token");
    await navigate(list);
    expect(location.pathname).toBe(list);
  });

  it.runIf(!APP.auth)("has no sign-in pages in an app without accounts", async () => {
    await navigate("/login");
    expect(location.pathname).toBe("/");
  });

  it("only follows `next` within the app", () => {
    expect(safeNext("/pets?page=2")).toBe("/pets?page=2");
    expect(safeNext("//evil.example")).toBe("/");
    expect(safeNext("https://evil.example")).toBe("/");
    expect(safeNext(null)).toBe("/");
  });
});
