/**
 * Reading into one buffer we own, instead of a new Buffer for every read.
 *
 * On the 'data' path, every read the kernel completes becomes a fresh
 * Buffer (an ArrayBuffer carved from a 64 KiB slab), goes through the
 * Readable stream's bookkeeping (addChunk, length accounting,
 * maybeReadMore) and is emitted as an event. For a server answering a
 * 100-byte request with a 100-byte response, that machinery costs more
 * than the request's parsing: a profile of `GET /hello` under keep-alive
 * load put the read path at a third of the server's user time.
 *
 * Node has a documented way around it, for sockets you construct: the
 * `onread` option of `new net.Socket()` (nodejs/node#25436). libuv reads
 * into a buffer you supply, and your callback gets the byte count; no
 * Buffer is allocated and the Readable never sees the data. Pausing,
 * 'end', 'error' and 'close' keep working. A server does not construct
 * its sockets, though: `net.Server` does, without the option. So we apply
 * the option the way the constructor does, after the fact, on a socket
 * that has not delivered any data yet: ask the handle to read into our
 * buffer (`useUserBuffer`) and fill the two slots the constructor would
 * have filled.
 *
 * Those slots are internal: symbols whose descriptions we look up on a
 * socket built with the public option. So the path is taken only on the
 * Node release lines where CI has proven it (PROVEN_NODE_LINES: .ci/run
 * runs the chapter tests on each), and only when the feature test passes.
 * If anything is not as expected (another runtime, a future Node, a
 * socket that already delivered data), nothing is changed and the caller
 * uses 'data' events.
 *
 * A socket whose first bytes were read to choose its protocol (a preface check,
 * protocol-choice.ts, once chapter 13 registers HTTP/2) arrives with those
 * bytes put back in its stream. The connection takes them out first (takeHeld)
 * and processes them itself; the socket is then as good as fresh and reads into
 * our buffer like any other. Without that, one check at its start would cost
 * every plain connection of the assembled server the 'data' path for its whole
 * life. The fallback is the chapter's original code, so the server is correct
 * either way and only its speed depends on this file. A TLS socket (chapter 09)
 * qualifies too: node:tls hands the decrypted bytes to the handle's read
 * listener like TCP's, so they land in our buffer, not in a new Buffer per
 * record.
 *
 * The catch: the bytes are borrowed. The buffer is reused by the next
 * read on any connection, so whatever must outlive the callback (a
 * partial line, a body chunk, input kept while reading is paused) has to
 * be copied first. The connection does that in one place (#keep).
 */
import { Buffer } from "node:buffer";
import process from "node:process";
import net, { type Socket } from "node:net";

/** How the connection gets its bytes; see the file comment. */
export type ReadMode = "own-buffer" | "stream";

/**
 * 64 KiB, the size of the slab libuv reads into for 'data' events, so a
 * read takes no more bytes off the socket than it would otherwise.
 */
export const READ_BUFFER_BYTES = 64 * 1024;

/** Gets the bytes of one read: valid only until the callback returns. */
export type BorrowedRead = (bytes: Buffer) => void;

/** The Socket's slots for `onread`, found on a socket built with it. */
interface OnreadSlots {
  readonly buffer: symbol;
  readonly callback: symbol;
}

/** The handle method `onread` relies on. */
interface UserBufferHandle {
  useUserBuffer(buffer: Uint8Array): void;
}

/**
 * Node release lines on which this file is proven: the chapter tests run
 * on each in CI (.ci/run: the development line and the LTS lines 22 and
 * 24). A line is added here only together with that CI run.
 */
export const PROVEN_NODE_LINES: readonly number[] = [20, 22, 24];

/**
 * True on a Node release line listed in PROVEN_NODE_LINES. Bun and Deno
 * report a Node version too, but their sockets are their own.
 */
export function provenRuntime(
  versions: Readonly<Record<string, string | undefined>>,
): boolean {
  if (versions.bun !== undefined || versions.deno !== undefined) return false;
  const major = Number(versions.node?.split(".")[0]);
  return PROVEN_NODE_LINES.includes(major);
}

const PROVEN = provenRuntime(process.versions);

let slots: OnreadSlots | null | undefined;

/** Builds a socket with the public option and finds where it kept it. */
function findSlots(): OnreadSlots | null {
  const buffer = Buffer.alloc(1);
  const callback = (): void => {};
  // @types/node lists onread for net.connect() only; the constructor takes it
  // too.
  const options = { onread: { buffer, callback } } as net.SocketConstructorOpts;
  const probe = new net.Socket(options);
  const own = probe as unknown as Record<symbol, unknown>;
  const found = Object.getOwnPropertySymbols(probe);
  const bufferSlot = found.find((s) => own[s] === buffer);
  const callbackSlot = found.find((s) => own[s] === callback);
  probe.destroy();
  if (bufferSlot === undefined || callbackSlot === undefined) return null;
  return { buffer: bufferSlot, callback: callbackSlot };
}

function userBufferHandle(socket: Socket): UserBufferHandle | undefined {
  const handle: unknown = (socket as unknown as { _handle?: unknown })._handle;
  if (typeof handle !== "object" || handle === null) return undefined;
  if (typeof (handle as Partial<UserBufferHandle>).useUserBuffer !== "function")
    return undefined;
  return handle as UserBufferHandle;
}

/**
 * Switches a freshly accepted socket (TCP, or TLS after its handshake)
 * to reading into `buffer`, calling `onRead` with a view of each read.
 * Returns false, having changed nothing, when that is not possible; the
 * caller then listens for 'data' as usual.
 */
export function readIntoOwnBuffer(
  socket: Socket,
  buffer: Buffer,
  onRead: BorrowedRead,
): boolean {
  return readIntoOwnBufferWith(socket, buffer, (length, into) => {
    onRead(into.subarray(0, length));
  });
}

/** What Node calls after each read into the buffer: how many bytes came. */
export type OwnRead = (length: number, into: Buffer) => void;

/**
 * readIntoOwnBuffer with a callback of the caller's own, which takes the
 * view itself: for the reader that keeps a socket for its whole life.
 * V8 inlines a function into its caller only where that call has always
 * gone to one function. The preface check and chapter 09's ClientHello
 * peek read a socket's first bytes through readIntoOwnBuffer's callback,
 * so that callback calls three different readers: HTTP/1.1's stayed a
 * call of its own, and after the first connections closed it ran as
 * baseline code until it grew hot again (notes 03, "One reader per
 * call"). A callback written in the connection's class calls only its
 * own reader.
 */
export function readIntoOwnBufferWith(
  socket: Socket,
  buffer: Buffer,
  onRead: OwnRead,
): boolean {
  if (!PROVEN) return false;
  // Data already delivered to the stream would be read out of order.
  if (socket.readableLength > 0 || socket.listenerCount("data") > 0)
    return false;
  const handle = userBufferHandle(socket);
  if (handle === undefined) return false;
  slots ??= findSlots();
  if (slots === null) return false;
  const own = socket as unknown as Record<symbol, unknown>;
  // Handed back to its stream by returnToStream, still reading into this
  // buffer: only the callback changes.
  const returned =
    own[slots.buffer] === buffer && own[slots.callback] === pushCopy;
  // Otherwise the constructor's two slots, null when there is no option.
  if (!returned && (own[slots.buffer] !== null || own[slots.callback] !== null))
    return false;
  if (!returned) handle.useUserBuffer(buffer);
  own[slots.buffer] = buffer;
  own[slots.callback] = onRead;
  return true;
}

/** Bytes a preface check read, on offer to the protocol it chose. */
let offered: Buffer | undefined;
let offeredTo: Socket | undefined;

/**
 * Runs `start` (a protocol taking `socket`) with `bytes`, the first ones
 * read from it to choose that protocol, on offer to takeHeld: a protocol
 * that takes them processes them at once, with no copy and no trip back
 * through the stream. Bytes not taken are put back into the stream (a
 * copy: they may be borrowed) when `start` returns, for 'data' to deliver.
 */
export function offerHeld<T>(socket: Socket, bytes: Buffer, start: () => T): T {
  offered = bytes;
  offeredTo = socket;
  try {
    return start();
  } finally {
    const left = offeredTo === socket ? offered : undefined;
    offered = undefined;
    offeredTo = undefined;
    if (left !== undefined) socket.unshift(Buffer.from(left));
  }
}

/**
 * What a preface check read before this protocol took the socket: the
 * bytes on offer (offerHeld), else what its stream still holds, taken out
 * in one piece (put back with socket.unshift). The caller processes them
 * before anything it reads next; undefined when there are none. They may
 * be borrowed, like a read into the shared buffer: process them now, or
 * copy what must outlive the call. Taken now, before any listener could
 * make the stream flow: a stream that flows with no 'data' listener
 * throws its bytes away.
 */
export function takeHeld(socket: Socket): Buffer | undefined {
  if (offeredTo === socket) {
    const bytes = offered;
    offered = undefined;
    offeredTo = undefined;
    return bytes;
  }
  const held = socket.readableLength;
  if (held === 0) return undefined;
  const bytes: Buffer | null = socket.read(held);
  return bytes ?? undefined;
}

/**
 * Gives a socket in own-buffer mode back to ordinary streams, for code that
 * expects 'data' events (a protocol taking over after a 101). The handle keeps
 * reading into our buffer, so each read is copied and pushed into the Readable;
 * when its buffer is full, reading pauses until it is read from. A connection
 * can take such a socket back with readIntoOwnBuffer, once its stream is
 * empty (a preface check hands over its socket this way).
 */
export function returnToStream(socket: Socket): void {
  if (slots === null || slots === undefined) return;
  const own = socket as unknown as Record<symbol, unknown>;
  if (own[slots.callback] === null) return;
  own[slots.callback] = pushCopy;
}

/**
 * The callback of a socket handed back to its stream: one function for
 * every socket (Node calls it on the socket), so readIntoOwnBuffer can
 * tell such a socket from one reading for someone else.
 */
function pushCopy(this: Socket, length: number, into: Buffer): boolean {
  return this.push(Buffer.from(into.subarray(0, length)));
}

/** One buffer for every connection: reads are handled one at a time. */
export const sharedReadBuffer: Buffer = Buffer.alloc(READ_BUFFER_BYTES);
