/**
 * The open track: wire-level tests against a server the learner wrote
 * their own way (`npm run learn -- --open "<command>"`, tools/learn/open.ts).
 *
 * A test file is wire-level when it imports this module: it talks to its
 * server only over TCP, so any server that answers the same bytes passes
 * it. When HANDSHAKE_OPEN_TARGET ("host:port") is set, such a test uses
 * that server instead of starting the reference one.
 */

export interface OpenTarget {
  readonly host: string;
  readonly port: number;
}

/** The learner's external server, when the open track runs; else undefined. */
export function openTarget(env: NodeJS.ProcessEnv = process.env): OpenTarget | undefined {
  const spec = env.HANDSHAKE_OPEN_TARGET;
  if (!spec) return undefined;
  const m = /^(.*):(\d+)$/.exec(spec);
  if (!m?.[1] || !m[2]) throw new Error(`HANDSHAKE_OPEN_TARGET must be host:port, got ${spec}`);
  return { host: m[1].replace(/^\[|\]$/g, ""), port: Number(m[2]) };
}
