/// <reference types="vitest/config" />
import vue from "@vitejs/plugin-vue";
import { defineConfig } from "vite";

// Dev and preview servers forward /api to the backend, so the app also works same-origin
// (VITE_API_URL empty); a build with VITE_API_URL calls that origin directly (CORS).
const proxy = { "/api": process.env.API_PROXY ?? "http://localhost:8000" };

export default defineConfig({
  plugins: [vue()],
  server: { proxy },
  preview: { proxy },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    // Node's fetch needs absolute URLs; the component tests answer this origin's calls.
    env: { VITE_API_URL: "http://api.test" },
  },
});
