/**
 * Every chapter's stage, in chapter order. A chapter that changes the
 * assembled server adds one line here (CONTRIBUTING.md, "Adding a chapter").
 */
import { stage as sockets } from "./01-sockets.ts";
import type { Stage } from "./stage.ts";

export const stages: readonly Stage[] = [sockets];
