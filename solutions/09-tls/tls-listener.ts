/**
 * A TLS listening endpoint: a TCP server whose sockets are peeked
 * (peek-hello.ts), then handed to node:tls for the handshake with the
 * certificate chosen by server name, the chapter's profile, resumption by
 * ticket and by session cache, and ALPN. What runs on the decrypted
 * socket is the caller's business: `onSocket` gets a TLSSocket whose
 * `alpnProtocol` says which protocol was agreed.
 *
 * Every node:tls hook that JavaScript answers holds the handshake until
 * it does, so the listener installs only the hooks a connection can use:
 * the SNI callback only when there is more than one certificate to choose
 * from, and the session cache only for clients that cannot speak TLS 1.3
 * (see handshakeServers).
 */
import { Buffer } from "node:buffer";
import net from "node:net";
import tls from "node:tls";
import type { Admit } from "#ch01/connection.ts";
import { destroyThis } from "#ch03/http1-connection.ts";
import type { CertificateStore } from "./certificate-store.ts";
import { HelloDeadlines, type Peeked, peekClientHello } from "./peek-hello.ts";
import { MAX_SESSIONS, SessionCache } from "./session-cache.ts";
import { rotateTicketKeys, TICKET_KEY_ROTATION_MS } from "./ticket-keys.ts";
import {
  HANDSHAKE_TIMEOUT_MS,
  SESSION_TIMEOUT_S,
  TLS_PROFILE,
} from "./tls-profile.ts";
import { ALERTS } from "./tls-errors.ts";

export interface TlsListenOptions {
  readonly host: string;
  readonly port: number;
  readonly store: CertificateStore;
  /** ALPN ids, in the server's order of preference (RFC 7301 §3.2). */
  readonly alpn: readonly string[];
  readonly helloTimeoutMs?: number;
  readonly handshakeTimeoutMs?: number;
  readonly sessionTimeoutS?: number;
  readonly ticketKeyRotationMs?: number;
  readonly maxSessions?: number;
  /** Where refusals and reloads are reported; default: stderr. */
  readonly log?: (line: string) => void;
  /**
   * A say over each TCP connection as it is accepted, before the peek
   * (chapter 01's Admit): chapter 10's caps count handshakes in progress.
   */
  readonly admit?: Admit | undefined;
}

export interface TlsListening {
  readonly address: net.AddressInfo;
  /** The node:tls server doing TLS 1.3 (and ticket) handshakes. */
  readonly tls: tls.Server;
  /** The one doing TLS 1.2 handshakes, with the session cache. */
  readonly tls12: tls.Server;
  /** Refused before or during the handshake, by reason. */
  readonly refused: Map<string, number>;
  /** Stop accepting; resolves when the TCP server has closed. */
  close(): Promise<void>;
  /** Install the store's current default pair as the no-SNI context. */
  refreshDefault(): void;
  /** A new ticket key now (the timer does it every rotation period). */
  rotateTicketKey(): void;
}

/** A fatal alert record (RFC 8446 §6): content type 21, level 2. */
const alertRecord = (description: number): Buffer =>
  Buffer.from([21, 3, 3, 0, 2, 2, description]);

/**
 * The answer to plain HTTP on the TLS port: a 400 that says what to do
 * (nginx logs this case as its code 497 and sends a 400 too). It is the
 * one plain-text answer a TLS port gives, and it closes the connection.
 *
 * @exercise
 * @hint nudge: a whole HTTP/1.1 response as one string: status line, fields,
 *   blank line, body.
 * @hint concept: 400 Bad Request, Content-Type text/plain, Content-Length of
 *   the body, Connection: close (RFC 9112 §9.6), CRLF line ends (§2.1); the
 *   body names the https URL.
 * @hint solution: the body first: "This port speaks HTTPS. Try" and the
 *   https URL of host and port, with a newline. Then one template: the status
 *   line, the three fields, an empty line, the body.
 */
function plainHttpAnswer(host: string, port: number): string {
  const body = `This port speaks HTTPS. Try https://${host}:${port}/\n`;
  return `HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`;
}

/**
 * What to do with a peeked connection. A hello: put its bytes back and
 * let node:tls handshake. Plain HTTP: a readable 400. Anything else
 * refused: the fatal alert its error names (RFC 8446 §6.2), then close.
 * Silence or a hang-up: close. Every refusal is counted by reason.
 *
 * @exercise
 * @hint nudge: three outcomes; only one reaches node:tls, and it must see the
 *   bytes we already read.
 * @hint concept: "gone" is counted as "no-hello" and destroyed; a hello is
 *   unshifted and emitted as a "connection" on the tls server; TLS_PLAIN_HTTP
 *   gets plainHttpAnswer; any other error its alert (RFC 8446 §6), then the
 *   socket ends. Count every code.
 * @hint solution: three branches on the peek. Gone: count, destroy. Hello:
 *   unshift the peeked bytes, emit connection. Refused: count its code,
 *   destroy on a later socket error, and end with the plain answer (to the
 *   local address and port) or alertRecord of ALERTS for its alert.
 */
function dispatch(
  socket: net.Socket,
  peeked: Peeked,
  server: tls.Server,
  port: number,
  count: (why: string) => void,
): void {
  if (peeked.kind === "gone") {
    count("no-hello");
    socket.destroy();
  } else if (peeked.kind === "hello") {
    socket.unshift(peeked.bytes);
    server.emit("connection", socket);
  } else {
    const { code, alert } = peeked.error;
    count(code);
    socket.on("error", () => socket.destroy());
    if (code === "TLS_PLAIN_HTTP")
      socket.end(plainHttpAnswer(socket.localAddress ?? "localhost", port));
    else socket.end(alertRecord(ALERTS[alert]));
  }
}

/**
 * The SNI callback: the store's context for the name. The default pair
 * keeps the server's own context: switching to an equal one would cost a
 * context switch and break resumption (its ticket keys and session id
 * context are the server's).
 */
function sniCallback(store: CertificateStore): tls.TlsOptions["SNICallback"] {
  return (name, done) => {
    const context = store.contextFor(name);
    done(null, context === store.entries[0]?.context ? undefined : context);
  };
}

/**
 * Two node:tls servers with the same options, and one ticket key setter
 * for both (a ticket one made, the other resumes). Only `tls12` gets the
 * session cache: resumption by session id is TLS 1.2's (RFC 5246
 * §7.4.1.2), and a TLS 1.3 client resumes with a ticket (RFC 8446
 * §4.6.1). A server with session listeners holds every handshake twice
 * for JavaScript (node's own ClientHello parser, to look the id up) and
 * hands JavaScript every new session, which in TLS 1.3 means once per
 * ticket, twice per handshake, each a session nobody will ask for by id.
 */
function handshakeServers(options: tls.TlsOptions) {
  const tls13 = tls.createServer(options);
  const tls12 = tls.createServer(options);
  const setTicketKeys = (keys: Buffer): void => {
    tls13.setTicketKeys(keys);
    tls12.setTicketKeys(keys);
  };
  return { tls13, tls12, setTicketKeys };
}

/**
 * Gives a TLS socket the peer address its TCP socket already knows. The
 * gate (chapter 10) asked the TCP socket at accept; asked again through
 * the TLS socket, node:tls forwards the question to the same TCP handle,
 * one more `getpeername` system call per connection for the same answer.
 * Node keeps that answer in `_peername` and the TCP socket under a TLS
 * one in `_parent` (Node 20, 22 and 24 alike); where either is missing,
 * nothing is copied and the TLS socket asks the kernel as before.
 * Returns the socket, to be handed on.
 */
export function carryPeerAddress(socket: tls.TLSSocket): tls.TLSSocket {
  type Slots = { _peername?: object | undefined; _parent?: unknown };
  const own = socket as unknown as Slots;
  const parent = own._parent as Slots | undefined;
  if (parent instanceof net.Socket) own._peername ??= parent._peername;
  return socket;
}

/**
 * True for a hello that does not offer TLS 1.3: its handshake will be TLS
 * 1.2, where the session cache can resume it. A hello the peek could not
 * read to its versions goes to the TLS 1.3 server, which speaks TLS 1.2
 * too: at worst such a client resumes by ticket only.
 */
const offersOnlyTls12 = (peeked: Peeked): boolean =>
  peeked.kind === "hello" && peeked.tls13 === false;

/** Listens for TLS on host:port; `onSocket` gets each decrypted socket. */
export function listenTls(
  options: TlsListenOptions,
  onSocket: (socket: tls.TLSSocket) => void,
): Promise<TlsListening> {
  const { store } = options;
  const log = options.log ?? ((line: string) => console.error(line));
  const refused = new Map<string, number>();
  const count = (why: string): void =>
    void refused.set(why, (refused.get(why) ?? 0) + 1);
  const sessionTimeout = options.sessionTimeoutS ?? SESSION_TIMEOUT_S;
  const defaultPair = (): tls.SecureContextOptions => {
    const pem = store.entries[0]?.pem;
    return { ...TLS_PROFILE, ...pem, sessionTimeout };
  };
  const servers = handshakeServers({
    ...defaultPair(),
    ALPNProtocols: [...options.alpn],
    handshakeTimeout: options.handshakeTimeoutMs ?? HANDSHAKE_TIMEOUT_MS,
    // With one certificate there is nothing to choose: no callback, and
    // a reload replaces the server's own context (refreshDefault).
    ...(store.entries.length > 1 ? { SNICallback: sniCallback(store) } : {}),
  });
  const { tls13, tls12 } = servers;
  const tickets = rotateTicketKeys(
    servers,
    options.ticketKeyRotationMs ?? TICKET_KEY_ROTATION_MS,
  );
  const cache = new SessionCache({
    maxSessions: options.maxSessions ?? MAX_SESSIONS,
    lifetimeMs: sessionTimeout * 1000,
  });
  tls12.on("newSession", (id: Buffer, data: Buffer, done: () => void) => {
    cache.store(id, data);
    done();
  });
  tls12.on(
    "resumeSession",
    (id: Buffer, done: (err: null, data: Buffer | null) => void) =>
      done(null, cache.find(id) ?? null),
  );
  for (const server of [tls13, tls12]) {
    server.on("tlsClientError", (err: NodeJS.ErrnoException, socket) => {
      count(err.code ?? "handshake");
      socket.destroy();
    });
    // One listener: node copies the list of several on every emit.
    server.on("secureConnection", (s) => onSocket(carryPeerAddress(s)));
  }
  const deadlines = new HelloDeadlines(options.helloTimeoutMs);
  const peek = (socket: net.Socket): void =>
    peekClientHello(
      socket,
      (peeked) =>
        dispatch(
          socket,
          peeked,
          offersOnlyTls12(peeked) ? tls12 : tls13,
          options.port,
          count,
        ),
      deadlines,
    );
  const { admit } = options;
  const tcp = net.createServer((socket) => {
    socket.on("error", destroyThis); // one function for every socket
    if (admit === undefined) peek(socket);
    else admit(socket, () => peek(socket));
  });
  return new Promise((resolve, reject) => {
    tcp.once("error", reject);
    tcp.listen(
      { host: options.host, port: options.port, ipv6Only: false },
      () => {
        tcp.off("error", reject);
        const address = tcp.address() as net.AddressInfo;
        log(`tls: listening on ${address.address} port ${address.port}`);
        resolve({
          address,
          tls: tls13,
          tls12,
          refused,
          rotateTicketKey: tickets.rotate,
          refreshDefault: () => {
            const ticketKeys = tls13.getTicketKeys();
            for (const server of [tls13, tls12])
              server.setSecureContext({ ...defaultPair(), ticketKeys });
          },
          // Stops accepting and resolves at once, as chapter 01's listener
          // does: net.Server's close callback waits for every open socket,
          // and an idle keep-alive client would hold a graceful stop until
          // it left. The connections are the caller's to drain.
          close: () => {
            tickets.stop();
            tcp.close();
            return Promise.resolve();
          },
        });
      },
    );
  });
}
