import { describeError } from "../logging.ts";

/**
 * Graceful shutdown on SIGTERM/SIGINT with a deadline. Start-up registers a step for each thing it
 * opens; a signal runs them in reverse order (stop the jobs and the backup socket, stop accepting
 * and finish requests in flight, close the database) and exits. If a step hangs — a request stuck
 * on a database that stopped answering — the process exits anyway when the deadline passes.
 * Installed before the database is opened, so a signal during start-up exits at once too.
 */
export interface Shutdown {
  /** Registers what to undo; later steps run first. */
  add(name: string, step: () => unknown): void;
  /**
   * Shuts down as a signal would, when not already stopping (a `serve --workers` primary asks its
   * workers this way: a Ctrl+C reaches them too, and a second signal would mean "exit now").
   */
  begin(reason: string): void;
}

export function shutdownOnSignals(deadlineMs: number, log: (line: string) => void = (line) => console.error(line)): Shutdown {
  const steps: { name: string; step: () => unknown }[] = [];
  let stopping = false;
  const begin = (reason: string) => {
    stopping = true;
    let current = "starting";
    log(`${reason}: shutting down (at most ${deadlineMs / 1000} s)…`);
    setTimeout(() => {
      log(`Shutdown did not finish within ${deadlineMs / 1000} s (still: ${current}); exiting anyway.`);
      process.exit(1);
    }, deadlineMs).unref();
    void (async () => {
      for (const { name, step } of steps.reverse()) {
        current = name;
        try {
          await step();
        } catch (error) {
          log(`Shutdown: ${name} failed: ${describeError(error)}`);
        }
      }
      process.exit(0);
    })();
  };
  // Only a second SIGNAL exits at once: a cluster worker asked to stop by the primary (`begin`)
  // may then get the same SIGTERM/SIGINT the primary got (Ctrl+C, a whole cgroup), and must drain.
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      log(`${signal} again: exiting now.`);
      process.exit(1);
    }
    signalled = true;
    if (!stopping) begin(signal);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    add: (name, step) => steps.push({ name, step }),
    begin: (reason) => {
      if (!stopping) begin(reason);
    },
  };
}
