/**
 * How chapters assemble into one server.
 *
 * Every chapter contributes a Stage. The server "as of chapter N" is the
 * fold of stages 1..N over an empty plan: chapter 01 adds a plain TCP
 * listener and the line echo protocol, chapter 03 replaces the line echo
 * with HTTP/1.1 and installs the first request handler, later chapters wrap
 * that handler in middleware or add listeners (TLS) and protocols (h2). A
 * stage only adds to the plan through the seams below; it never edits an
 * earlier chapter's code.
 */
import type { Listener, Protocol } from "#ch01/connection.ts";

export type { Listener, Protocol };

/**
 * Limits every protocol applies, whatever carries the request: HTTP/1.1
 * (chapter 03), HTTP/2 later. Each is optional; a protocol fills the rest
 * from its chapter's named defaults.
 */
export interface ServerLimits {
  /** Largest request content accepted; larger gets 413 (chapter 04). */
  readonly maxBodyBytes: number;
  /** Time allowed to receive a request head once it has begun (ms). */
  readonly headersTimeoutMs: number;
  /** Time a connection may sit with no request in progress (ms). */
  readonly idleTimeoutMs: number;
  /** How long a graceful stop waits before destroying connections (ms). */
  readonly shutdownGraceMs: number;
}

/** Settings every stage can read (from flags, environment or config). */
export interface ServerSettings {
  readonly host: string;
  /** Every address to listen on (chapter 09's --host, repeated); default [host]. */
  readonly hosts?: readonly string[];
  readonly port: number;
  /** Folder that relative paths in the settings are resolved against. */
  readonly root: string;
  /** Operator overrides of the transport-neutral limits. */
  readonly limits?: Partial<ServerLimits>;
}

/**
 * The server being assembled: where it listens, which protocols it speaks
 * (chosen per socket in one place, solutions/03-keep-alive/protocol-choice.ts)
 * and what the chapters published. `extensions` is a typed bag where a
 * chapter publishes a seam for later chapters (e.g. chapter 03 publishes
 * its request handler there and chapter 05 wraps it); each chapter declares
 * its keys by augmenting StageExtensions.
 */
export interface ServerPlan {
  readonly settings: ServerSettings;
  /**
   * What a visitor is told is being served, line by line, at start-up.
   * `{origin}` stands for the bound host:port (the port may be 0 until
   * listening), e.g. "try: curl http://{origin}/hello".
   */
  readonly banner: readonly string[];
  /** Where the server listens; every listener runs every protocol. */
  readonly listeners: readonly Listener[];
  /**
   * What the server speaks: ALPN picks among them on TLS sockets, a
   * preface on plain ones, else the first without a preface.
   */
  readonly protocols: readonly Protocol[];
  /**
   * The plan after every stage has applied. A protocol reads it when it
   * is first used, so a later chapter can wrap `extensions.handler` and a
   * protocol registered earlier still serves the result. It throws when
   * called during apply(), before the fold has finished.
   */
  readonly final: () => ServerPlan;
  readonly extensions: Partial<StageExtensions>;
  /**
   * Work to finish before listening (e.g. building the book that chapter 06
   * serves). Run in order; a rejection stops start-up with its message.
   */
  readonly startup?: readonly (() => Promise<void>)[];
}

/**
 * Keys a chapter publishes for later chapters. Chapters add their own keys
 * with declaration merging in their stage file:
 *
 *     declare module "./stage.ts" {
 *       interface StageExtensions { handler: Handler }
 *     }
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging
export interface StageExtensions {}

export interface Stage {
  /** Chapter number, 1-based. */
  readonly chapter: number;
  /** Chapter slug, e.g. "01-sockets". */
  readonly slug: string;
  /** Adds this chapter's piece to the plan. */
  apply(plan: ServerPlan): ServerPlan;
}

/**
 * A protocol built from the final plan the first time a socket needs it
 * (see ServerPlan.final): how a stage registers a protocol that serves a
 * handler later stages will still wrap.
 */
export function lateProtocol(
  plan: ServerPlan,
  announce: { readonly id: string; readonly preface?: Uint8Array },
  build: (final: ServerPlan) => Protocol,
): Protocol {
  let built: Protocol | undefined;
  return {
    ...announce,
    serve: (socket, info) => {
      built ??= build(plan.final());
      return built.serve(socket, info);
    },
  };
}

/**
 * Apply `stages` in order to the plan with no listener and no protocol,
 * then let `final()` answer with the result. `extensions` seeds the plan
 * (a test applying one stage over a handler of its own).
 */
export function fold(
  settings: ServerSettings,
  stages: readonly Stage[],
  extensions: ServerPlan["extensions"] = {},
): ServerPlan {
  let done: ServerPlan | undefined;
  const final = (): ServerPlan => {
    if (done === undefined) throw new Error("plan.final() read before every stage applied");
    return done;
  };
  const empty: ServerPlan = {
    settings,
    banner: [],
    listeners: [],
    protocols: [],
    extensions,
    final,
  };
  done = stages.reduce((plan, stage) => stage.apply(plan), empty);
  return done;
}
