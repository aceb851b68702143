/**
 * How chapters assemble into one server.
 *
 * Every chapter contributes a Stage. The server "as of chapter N" is the
 * fold of stages 1..N over an empty plan: chapter 01 sets the connection
 * handler to a line echo, chapter 03 replaces it with the HTTP/1.1
 * connection and installs the first request handler, later chapters wrap
 * that handler in middleware or add listeners and protocols. A stage only
 * adds to the plan through the seams below; it never edits an earlier
 * chapter's code.
 */
import type { Socket } from "node:net";

/** Per-connection entry point: the protocol that owns an accepted socket. */
export type ConnectionHandler = (socket: Socket) => void;

/** Settings every stage can read (from flags, environment or config). */
export interface ServerSettings {
  readonly host: string;
  readonly port: number;
  /** Root folder of the repository, for stages that serve files. */
  readonly root: string;
}

/**
 * The server being assembled. `protocol` is what runs on each accepted
 * socket. `extensions` is a typed bag where a chapter publishes a seam for
 * later chapters (e.g. chapter 03 publishes its request handler there and
 * chapter 05 wraps it); each chapter declares its keys by augmenting
 * StageExtensions.
 */
export interface ServerPlan {
  readonly settings: ServerSettings;
  /**
   * What a visitor is told is being served, line by line, at start-up.
   * `{origin}` stands for the bound host:port (the port may be 0 until
   * listening), e.g. "try: curl http://{origin}/hello".
   */
  readonly banner: readonly string[];
  /**
   * Builds what runs on each accepted socket. Called once, after every
   * stage has applied, with the final plan: so a later chapter can wrap
   * `extensions.handler` and the protocol set earlier still sees the result.
   */
  readonly protocol?: (plan: ServerPlan) => ConnectionHandler;
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
