import { defineConfig } from "vitest/config";

// Browser journeys: each file starts its own server and Chromium, so files run one at a time.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    globalSetup: ["e2e/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // A journey that fails once on a loaded machine gets one more try; a real break fails twice.
    retry: 1,
  },
});
