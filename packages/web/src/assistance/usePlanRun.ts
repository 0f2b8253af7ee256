import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { api } from "../api.ts";
import { useListParams } from "../shared/useListParams.ts";
import type { PlanRun } from "./plan-types.ts";

/**
 * One planning run, named by `?run=<id>` in the address bar (a run id is not personal data, so a
 * plan can be reopened or shared): started with a POST, then read every second while the server
 * still solves it. Polling can be stopped (the solve goes on) and resumed.
 */
export function usePlanRun(kind: "roster" | "pairing") {
  const { query, update } = useListParams(["run"] as const);
  const runId = query.run;
  const client = useQueryClient();
  const [polling, setPolling] = useState(true);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<Error | null>(null);
  const run = useQuery({
    queryKey: ["plans", runId],
    queryFn: () => api<PlanRun>(`/plans/${runId}`),
    enabled: Boolean(runId),
    refetchInterval: (q) => (polling && q.state.data?.status === "running" ? 1000 : false),
  });
  const running = run.data?.status === "running";
  const elapsed = useElapsedSeconds(running ? run.data?.createdAt : undefined);

  const start = async (body: Record<string, unknown>) => {
    setStarting(true);
    setStartError(null);
    try {
      // 200 when it finished within a second, 202 (status running) otherwise: the same PlanRun either way.
      const created = await api<PlanRun>(`/plans/${kind}`, { method: "POST", body });
      client.setQueryData(["plans", created.id], created);
      await client.invalidateQueries({ queryKey: ["plans", "list", kind] });
      setPolling(true);
      update({ run: created.id });
    } catch (error) {
      setStartError(error as Error);
    } finally {
      setStarting(false);
    }
  };

  // A run that finishes while watched moves to the top of the recent runs with its status.
  const finished = run.data?.status !== "running" && run.data?.finishedAt;
  useEffect(() => {
    if (finished) void client.invalidateQueries({ queryKey: ["plans", "list", kind] });
  }, [finished, client, kind]);

  return {
    runId,
    run,
    running,
    elapsed,
    polling,
    stopPolling: () => setPolling(false),
    resumePolling: () => {
      setPolling(true);
      void run.refetch();
    },
    open: (id: string | undefined) => {
      setPolling(true);
      update({ run: id });
    },
    start,
    starting,
    startError,
  };
}

/** Whole seconds since `since`, ticking once a second while it is given. */
function useElapsedSeconds(since: string | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!since) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [since]);
  return since ? Math.max(0, Math.floor((now - Date.parse(since)) / 1000)) : 0;
}
