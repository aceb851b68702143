/**
 * Loaded by vitest before every test file (vitest.config.ts setupFiles).
 * Arms the stub tripwire: a stub that throws during a test is remembered
 * for that test only, so helpers that wait can fail at once.
 */
import { beforeEach } from "vitest";
import { resetStubs } from "./stub-tripwire.ts";

beforeEach(() => {
  resetStubs();
});
