import { Worker } from "node:worker_threads";
import type { LinearModel, SolveOptions, SolveResult } from "@medbridge/core";

/**
 * The one door to HiGHS. Solves run one at a time in a worker thread (the machine's other core
 * keeps serving requests); the worker is kept between solves, since loading the WebAssembly costs
 * ~100 ms, and replaced when its heap passes HEAP_LIMIT_BYTES (Wasm memory only grows) or when a
 * solve overruns its time limit by GRACE_MS (HiGHS checks its clock between steps; a step that
 * never returns must not hold the queue).
 */
const HEAP_LIMIT_BYTES = 1024 * 1024 * 1024;
const GRACE_MS = 15_000;

type Reply = { ready: true; heapBytes: number } | { result: SolveResult } | { error: string };

interface Pending {
  resolve: (r: SolveResult) => void;
  reject: (e: Error) => void;
}

class SolverThread {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private pending: Pending | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** The largest heap any solve of this process left, in bytes. */
  heapPeakBytes = 0;

  private start(): Promise<void> {
    const worker = new Worker(new URL("./solver-worker.mjs", import.meta.url));
    worker.unref();
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      worker.on("message", (message: Reply) => {
        if ("ready" in message) {
          this.heapPeakBytes = Math.max(this.heapPeakBytes, message.heapBytes);
          resolve();
          return;
        }
        const pending = this.pending;
        this.pending = null;
        if (!pending) return;
        if ("result" in message) {
          this.heapPeakBytes = Math.max(this.heapPeakBytes, message.result.heapBytes);
          pending.resolve(message.result);
        } else {
          // A WebAssembly runtime that threw (an abort, out of memory) is not trusted again.
          if (this.worker === worker) this.worker = null;
          void worker.terminate();
          pending.reject(new Error(`the solver failed: ${message.error}`));
        }
      });
      // A worker already replaced (timed out, recycled) may still report its end: not the current solve's business.
      worker.on("error", (error) => {
        reject(error);
        if (this.worker !== worker) return;
        this.worker = null;
        this.pending?.reject(error);
        this.pending = null;
      });
      worker.on("exit", (code) => {
        if (this.worker !== worker) return;
        this.worker = null;
        this.pending?.reject(new Error(`the solver stopped (exit code ${code})`));
        this.pending = null;
      });
    });
    return this.ready;
  }

  private async run(model: LinearModel, options: SolveOptions): Promise<SolveResult> {
    if (!this.worker) await this.start();
    else await this.ready;
    const worker = this.worker as Worker;
    const result = await new Promise<SolveResult>((resolve, reject) => {
      const timer = setTimeout(
        () => {
          this.pending = null;
          this.worker = null;
          void worker.terminate();
          reject(new Error(`the solver did not stop within ${options.timeLimitSeconds} s plus ${GRACE_MS / 1000} s`));
        },
        options.timeLimitSeconds * 1000 + GRACE_MS,
      );
      this.pending = {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      worker.postMessage({ model, options });
    });
    if (result.heapBytes > HEAP_LIMIT_BYTES) await this.stop();
    return result;
  }

  /** Solves queued or running on this thread. */
  waiting = 0;

  solve(model: LinearModel, options: SolveOptions): Promise<SolveResult> {
    this.waiting++;
    const next = this.queue.then(() => this.run(model, options)).finally(() => this.waiting--);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}

/**
 * The solver threads: one by default, so that a server on two cores keeps one for its requests. A
 * batch (a province's rosters, the benchmarks) may ask for one per core.
 */
const threads: SolverThread[] = [new SolverThread()];

export async function setSolverThreads(count: number): Promise<void> {
  while (threads.length < count) threads.push(new SolverThread());
  while (threads.length > Math.max(1, count)) await threads.pop()?.stop();
}

/** Solves a model with HiGHS in the least busy solver thread (queued behind its solves in progress). */
export function solve(model: LinearModel, options: SolveOptions): Promise<SolveResult> {
  const thread = threads.reduce((best, t) => (t.waiting < best.waiting ? t : best));
  return thread.solve(model, options);
}

/** The largest WebAssembly heap a solve of this process has left, in bytes (per thread). */
export function solverHeapPeakBytes(): number {
  return Math.max(...threads.map((t) => t.heapPeakBytes));
}

/** Ends the solver threads (tests and shutdown; the next solve starts them again). */
export async function stopSolver(): Promise<void> {
  await Promise.all(threads.map((t) => t.stop()));
}
