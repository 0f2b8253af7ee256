import { chmodSync, existsSync, lstatSync, rmSync } from "node:fs";
import { createConnection, createServer, type Server } from "node:net";

/**
 * Hot backups of embedded PGlite. Only one process may open a PGlite data directory, so while the
 * server runs a backup cannot read the directory itself: it asks the server, over a Unix socket
 * beside the data directory (`data` → `data.sock`), for a copy taken inside the server's own
 * database (`dumpDataDir` after a checkpoint, between queries). Not inside the directory: PGlite's
 * copy walks it and cannot read a socket. The socket is owner-only.
 */
export function socketPath(dataDir: string): string {
  return `${dataDir.replace(/\/+$/, "")}.sock`;
}

/** Unix socket paths are limited to ~107 bytes; a longer data dir gets no hot backups. */
const MAX_SOCKET_PATH = 100;

/** Serves copies of the running database; the returned function stops listening. */
export function serveHotBackups(dataDir: string, dump: () => Promise<Blob>, onError: (error: Error) => void): (() => Promise<void>) | null {
  const path = socketPath(dataDir);
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH) return null;
  // A socket left by a dead server (we hold the data dir lock, so it is not a live one's).
  if (existsSync(path) && lstatSync(path).isSocket()) rmSync(path, { force: true });
  const server: Server = createServer((socket) => {
    socket.on("error", () => {});
    socket.once("data", async (request) => {
      if (request.toString("utf8").trim() !== "dump") return socket.end("error unknown request\n");
      try {
        const copy = Buffer.from(await (await dump()).arrayBuffer());
        socket.write(`ok ${copy.length}\n`);
        socket.end(copy);
      } catch (thrown) {
        // PGlite's file system throws plain objects, not Errors.
        const error = thrown instanceof Error ? thrown : new Error(`the copy failed: ${JSON.stringify(thrown)}`);
        onError(error);
        socket.end(`error ${error.message.split("\n")[0]}\n`);
      }
    });
  });
  server.on("error", onError);
  server.listen(path, () => {
    try {
      chmodSync(path, 0o600);
    } catch (error) {
      onError(error as Error);
    }
  });
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      rmSync(path, { force: true });
    });
}

/**
 * Asks the server running on `dataDir` for a copy. Resolves to null when no server listens there
 * (no socket, or a stale one), so the caller may open the directory itself.
 */
export function requestHotBackup(dataDir: string, timeoutMs = 600_000): Promise<Buffer | null> {
  const path = socketPath(dataDir);
  if (!existsSync(path)) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const socket = createConnection(path);
    const chunks: Buffer[] = [];
    let connected = false;
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`the server did not finish the copy within ${timeoutMs / 1000} s`)));
    socket.on("connect", () => {
      connected = true;
      socket.write("dump\n");
    });
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("error", (error: NodeJS.ErrnoException) => {
      if (!connected && (error.code === "ECONNREFUSED" || error.code === "ENOENT")) resolve(null);
      else reject(new Error(`Hot backup through the running server failed: ${error.message}`));
    });
    socket.on("end", () => {
      const all = Buffer.concat(chunks);
      const newline = all.indexOf(10);
      const header = all.subarray(0, newline < 0 ? all.length : newline).toString("utf8");
      const [status, size] = header.split(" ", 2);
      if (status === "ok" && Number(size) === all.length - newline - 1) return resolve(all.subarray(newline + 1));
      reject(new Error(`Hot backup through the running server failed: ${status === "error" ? header.slice(6) : "incomplete answer"}`));
    });
  });
}
