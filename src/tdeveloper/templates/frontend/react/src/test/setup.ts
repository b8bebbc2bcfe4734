import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach, vi } from "vitest";

// openapi-fetch keeps the fetch it finds when the client is created (when a test imports the
// app), so the stub is put in place here, first; tests give it answers (see ./api.ts).
vi.stubGlobal("fetch", vi.fn());

afterEach(() => {
  cleanup();
  localStorage.clear();
});
