import { cleanup, screen, within } from "@testing-library/vue";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { APP, ENTITIES } from "./entities";
import { listAnswer, renderAt, type FetchMock } from "./test/app";

const fetchMock: FetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  vi.stubGlobal("fetch", mock);
  return mock;
});

const entity = ENTITIES[0]!;

describe("the shell", () => {
  afterEach(cleanup);
  beforeEach(() => {
    fetchMock.mockReset();
    fetchMock.mockImplementation(async (request) => listAnswer(entity, [])(request)!);
  });

  it("links every entity, marking the current one", async () => {
    await renderAt(`/${entity.path}`);
    const links = within(screen.getByRole("navigation")).getAllByRole("link");
    expect(links.map((a) => a.textContent)).toEqual(ENTITIES.map((e) => e.plural));
    expect(links[0]!.getAttribute("aria-current")).toBe("page");
    expect(screen.getAllByRole("main")).toHaveLength(1);
  });

  it.skipIf(!APP.auth)("sends a signed-out visitor to sign in, then back", async () => {
    const { router } = await renderAt(`/${entity.path}`, { signedIn: false });
    expect(router.currentRoute.value.path).toBe("/login");
    expect(router.currentRoute.value.query.next).toBe(`/${entity.path}`);
    expect(await screen.findByRole("heading", { level: 1, name: "Sign in" })).toBeTruthy();
    expect(screen.queryByRole("navigation")).toBeNull();
  });
});
