import { describe, expect, it } from "vitest";
import { loginPath, nextPath } from "./account";

const next = (value: string) => nextPath(new URLSearchParams({ next: value }));

describe("returning after sign-in", () => {
  it("comes back to the page asked for, query included", () => {
    expect(loginPath("/pets?page=2")).toBe("/login?next=%2Fpets%3Fpage%3D2");
    expect(nextPath(new URLSearchParams("next=%2Fpets%3Fpage%3D2"))).toBe("/pets?page=2");
    expect(loginPath("/")).toBe("/login");
    expect(nextPath(new URLSearchParams())).toBe("/");
  });

  it("never leaves the app", () => {
    for (const away of ["https://example.com/", "//example.com", "/\\example.com", "javascript:alert(1)", "pets"]) {
      expect(next(away)).toBe("/");
    }
  });
});
