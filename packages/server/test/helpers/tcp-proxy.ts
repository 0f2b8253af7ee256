import { connect, createServer, type Socket } from "node:net";

/**
 * A TCP proxy on 127.0.0.1 in front of a real PostgreSQL, to take the database away mid-test:
 * - "forward": passes bytes both ways;
 * - "blackhole": connections stay open (and new ones are accepted) but nothing is answered, as
 *   with a server that hangs or a network that drops packets;
 * - "refuse": every connection is reset at once, as with a server that went down.
 */
export interface TcpProxy {
  port: number;
  url(databaseUrl: string): string;
  mode(mode: "forward" | "blackhole" | "refuse"): void;
  close(): Promise<void>;
}

export async function tcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  let current: "forward" | "blackhole" | "refuse" = "forward";
  const pairs = new Set<{ client: Socket; upstream: Socket | null }>();
  const server = createServer((client) => {
    client.on("error", () => {});
    if (current === "refuse") return void client.destroy();
    const pair: { client: Socket; upstream: Socket | null } = { client, upstream: null };
    pairs.add(pair);
    client.on("close", () => {
      pair.upstream?.destroy();
      pairs.delete(pair);
    });
    if (current === "blackhole") return void client.pause();
    const upstream = connect(targetPort, targetHost);
    upstream.on("error", () => client.destroy());
    upstream.on("close", () => {
      if (current === "forward") client.destroy();
    });
    pair.upstream = upstream;
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    url(databaseUrl) {
      const u = new URL(databaseUrl);
      u.hostname = "127.0.0.1";
      u.port = String(port);
      return u.toString();
    },
    mode(mode) {
      current = mode;
      for (const pair of pairs) {
        if (mode === "refuse") pair.client.destroy();
        if (mode === "blackhole" && pair.upstream) {
          // Nothing more reaches either side; the client's socket stays open, waiting.
          pair.client.unpipe();
          pair.upstream.unpipe();
          pair.client.pause();
          pair.upstream.destroy();
          pair.upstream = null;
        }
      }
    },
    close() {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream?.destroy();
      }
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A listener that accepts connections and never says a word: a PostgreSQL that hangs. */
export async function blackHole(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    socket.on("error", () => {});
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as { port: number }).port,
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
