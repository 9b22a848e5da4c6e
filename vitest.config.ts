import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-stub.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          environment: "node",
          include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "components/**/*.test.{ts,tsx}"],
          exclude: ["**/node_modules/**", "lib/generated/**"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          environment: "node",
          include: ["e2e/api/**/*.test.ts"],
          globalSetup: ["e2e/support/build-once.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Each file starts its own server; two at a time suits two cores.
          maxWorkers: 2,
        },
      },
    ],
  },
});
