import { describe, expect, it } from "vitest";
import { ApiError, apiError, unwrap } from "./errors";

describe("apiError", () => {
  it("puts FastAPI's validation issues on their fields", () => {
    const body = {
      detail: [
        { loc: ["body", "name"], msg: "Field required" },
        { loc: ["body", "tag_ids", 0], msg: "Input should be greater than or equal to 1" },
        { loc: ["body"], msg: "Value error, weight: expected a number" },
      ],
    };
    const error = apiError(422, body);
    expect(error.fields).toEqual({
      name: "Field required",
      tag_ids: "Input should be greater than or equal to 1",
    });
    expect(error.message).toBe("Value error, weight: expected a number");
  });

  it("keeps the server's message for other errors", () => {
    expect(apiError(409, { detail: "Pet is still referenced by other rows" }).message).toBe(
      "Pet is still referenced by other rows",
    );
    expect(apiError(404, null).message).toBe("Not found");
  });
});

describe("unwrap", () => {
  const response = (status: number) => new Response(null, { status });

  it("returns the data of a success", async () => {
    await expect(unwrap(Promise.resolve({ data: 1, response: response(200) }))).resolves.toBe(1);
  });

  it("throws an ApiError for a failure", async () => {
    const call = Promise.resolve({ error: { detail: "nope" }, response: response(409) });
    await expect(unwrap(call)).rejects.toMatchObject({ status: 409, message: "nope" });
  });

  it("says so when the server cannot be reached", async () => {
    const error: unknown = await unwrap(Promise.reject(new TypeError("Failed to fetch"))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(0);
  });
});
