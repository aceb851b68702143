/**
 * vitest runs every chapter's tests. HANDSHAKE_LEARNER=01,02 turns on the
 * `learner-NN` import conditions, so `#ch01/*` and `#ch02/*` resolve to the
 * learner's exercises/ instead of solutions/ (see package.json "imports").
 * HANDSHAKE_STUB=file#name stubs one exercise in solutions/ (CI's check that
 * every exercise is caught by a test).
 *
 * `--coverage` measures solutions/ and src/ with V8's own counters (no
 * instrumentation) and writes coverage/coverage-summary.json, which
 * tools/check/coverage.ts reports per chapter against its floor.
 */
import { defineConfig } from "vitest/config";
import { stubPlugin } from "./tools/exercises/stub-plugin.ts";

const learner = (process.env.HANDSHAKE_LEARNER ?? "")
  .split(",")
  .filter(Boolean)
  .map((n) => `learner-${n.padStart(2, "0")}`);
const conditions = [...learner, "node", "import", "default"];

export default defineConfig({
  // Read at each transform: tools/check/caught-runner.ts changes it between runs.
  plugins: [stubPlugin(() => process.env.HANDSHAKE_STUB)],
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ["tests/**/*.test.ts"],
    setupFiles: ["tools/testing/setup.ts"],
    testTimeout: 15_000,
    hookTimeout: 15_000,
    pool: "forks",
    coverage: {
      provider: "v8",
      include: ["solutions/**/*.ts", "src/**/*.ts"],
      reporter: ["json-summary", "text-summary"],
      reportsDirectory: "coverage",
    },
  },
});
