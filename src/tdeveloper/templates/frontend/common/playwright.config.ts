/**
 * The browser test runs against the built app (`vite preview`) and a running backend (see
 * README). It uses CHROMIUM_PATH, else Debian's /usr/bin/chromium when present, else
 * Playwright's own browser (`npx playwright install chromium`).
 */
import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 4173);
const system = "/usr/bin/chromium";
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync(system) ? system : undefined);

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: process.env.E2E_BASE_URL ?? `http://127.0.0.1:${port}`,
    headless: true,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      // Quiet in sandboxes and CI: no sandbox for root, no background calls home.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : {
        command: `npm run preview -- --host 127.0.0.1 --port ${port} --strictPort`,
        url: `http://127.0.0.1:${port}`,
        reuseExistingServer: true,
        timeout: 60_000,
      },
});
