import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// In development and preview the app calls its own origin and Vite forwards /api to the backend.
const api = process.env.API_PROXY ?? "http://localhost:8000";

export default defineConfig({
  plugins: [react()],
  server: { proxy: { "/api": api } },
  preview: { proxy: { "/api": api } },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test/setup.ts"],
    // An absolute API origin: Node's Request (used by openapi-fetch) rejects relative URLs.
    env: { VITE_API_URL: "http://api.test" },
  },
});
