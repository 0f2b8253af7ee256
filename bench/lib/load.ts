import { performance } from "node:perf_hooks";

/**
 * Closed-loop load: `clients` concurrent clients each send the next request as soon as the last
 * one answered, for `seconds` (bounded in time and only to the given loopback URL).
 */
export async function closedLoop(options: {
  clients: number;
  seconds: number;
  nextUrl: (i: number) => string;
  headers: Record<string, string>;
  method?: string;
  body?: () => string;
}): Promise<{ latencies: number[]; errors: number; seconds: number }> {
  const latencies: number[] = [];
  let errors = 0;
  let counter = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const client = async () => {
    while (performance.now() < deadline) {
      const url = options.nextUrl(counter++);
      if (!url.startsWith("http://127.0.0.1")) throw new Error("load goes to loopback only");
      const t0 = performance.now();
      const response = await fetch(url, { headers: options.headers, method: options.method ?? "GET", ...(options.body && { body: options.body() }) });
      await response.arrayBuffer();
      latencies.push(performance.now() - t0);
      if (!response.ok) errors++;
    }
  };
  await Promise.all(Array.from({ length: options.clients }, client));
  return { latencies, errors, seconds: (performance.now() - started) / 1000 };
}
