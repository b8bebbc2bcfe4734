import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { APP, ENTITIES } from "../entities";
import { fakeApi } from "../test/api";
import { renderAt } from "../test/render";

const entity = ENTITIES[0];

describe("the shell", () => {
  it("links every entity's list, marking the current one", async () => {
    fakeApi(() => undefined);
    renderAt(`/${entity.path}`);
    const nav = screen.getByRole("navigation");
    for (const e of ENTITIES) expect(within(nav).getByRole("link", { name: e.plural })).toHaveAttribute("href", `/${e.path}`);
    expect(nav.querySelector('[aria-current="page"]')).toHaveTextContent(entity.plural);
    expect(screen.getAllByRole("main")).toHaveLength(1);
  });

  it.skipIf(!APP.auth)("sends a visitor to sign in, then back to the page asked for", async () => {
    fakeApi((call) => {
      if (call.url.pathname === "/api/auth/login") {
        const body = call.body as { password: string };
        return body.password === "right" ? [200, { access_token: "t" }] : [401, { detail: "Incorrect email or password" }];
      }
      return undefined;
    });
    const at = renderAt(`/${entity.path}`, { signedIn: false });
    expect(await screen.findByRole("heading", { level: 1, name: "Sign in" })).toBeInTheDocument();
    expect(screen.queryByRole("navigation")).toBeNull();

    fireEvent.change(screen.getByLabelText("Email"), { target: { value: "a@example.com" } });
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "wrong" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Incorrect email or password");

    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "right" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    await waitFor(() => expect(at.pathname).toBe(`/${entity.path}`));
    expect(await screen.findByRole("button", { name: "Sign out" })).toBeInTheDocument();
  });
});
