/**
 * Every chapter's stage, in chapter order. A chapter that changes the
 * assembled server adds one line here (CONTRIBUTING.md, "Adding a chapter").
 */
import { stage as sockets } from "./01-sockets.ts";
import { stage as keepAlive } from "./03-keep-alive.ts";
import { stage as bodies } from "./04-bodies-and-chunking.ts";
import { stage as routing } from "./05-routing.ts";
import { stage as staticFiles } from "./06-static-files.ts";
import { stage as caching } from "./07-caching.ts";
import { stage as compression } from "./08-compression.ts";
import { stage as tls } from "./09-tls.ts";
import { stage as hardening } from "./10-hardening.ts";
import { stage as http2 } from "./13-http2-streams.ts";
import type { Stage } from "./stage.ts";

export const stages: readonly Stage[] = [
  sockets,
  keepAlive,
  bodies,
  routing,
  staticFiles,
  caching,
  compression,
  tls,
  hardening,
  http2,
];
