/// <reference types="vitest/config" />
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";
import { defineConfig } from "vite";

// Without VITE_API_URL the app calls /api on its own origin: the dev and preview servers
// forward it to the backend.
const proxy = { "/api": process.env.API_PROXY ?? "http://localhost:8000" };

export default defineConfig({
  // svelteTesting: Svelte's browser build and DOM cleanup in component tests (only under Vitest).
  plugins: [svelte(), svelteTesting()],
  server: { proxy },
  preview: { proxy },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test/setup.ts"],
  },
});
