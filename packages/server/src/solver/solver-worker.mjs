// Runs HiGHS (WebAssembly) off the server's thread: a solve is synchronous and may take seconds.
// One runtime per worker, kept across solves; each model is disposed after its solve, and the
// parent replaces the worker when the heap grows past its limit (Wasm memory never shrinks).
// Plain JavaScript: the worker needs no TypeScript loader for this.
import { parentPort } from "node:worker_threads";
import loadHighs from "highs";

const highs = await loadHighs();
const C = highs.constants;
const infinity = highs.infinity;
const bound = (v) => (v === null || v === Number.POSITIVE_INFINITY ? infinity : v === Number.NEGATIVE_INFINITY ? -infinity : v);

function statusOf(code) {
  switch (code) {
    case C.modelStatus.optimal:
    case C.modelStatus.empty:
      return "optimal";
    case C.modelStatus.timeLimit:
    case C.modelStatus.interrupted:
    case C.modelStatus.iterationLimit:
    case C.modelStatus.solutionLimit:
      return "time_limit";
    case C.modelStatus.infeasible:
      return "infeasible";
    case C.modelStatus.unbounded:
    case C.modelStatus.unboundedOrInfeasible:
      return "unbounded";
    default:
      return "error";
  }
}

function solve({ model, options }) {
  const started = performance.now();
  const isMip = model.integer.some(Boolean);
  const data = {
    numCols: model.cost.length,
    numRows: model.rowLower.length,
    colCost: Float64Array.from(model.cost),
    colLower: Float64Array.from(model.lower, bound),
    colUpper: Float64Array.from(model.upper, bound),
    rowLower: Float64Array.from(model.rowLower, bound),
    rowUpper: Float64Array.from(model.rowUpper, bound),
    matrix: {
      format: "csr",
      numRows: model.rowLower.length,
      numCols: model.cost.length,
      starts: Int32Array.from(model.starts),
      indices: Int32Array.from(model.indices),
      values: Float64Array.from(model.values),
    },
    ...(isMip && { integrality: Int32Array.from(model.integer, (i) => (i ? C.variableType.integer : C.variableType.continuous)) }),
  };
  return highs.withModel(data, (m) => {
    m.options.set({ output_flag: false, time_limit: options.timeLimitSeconds, mip_rel_gap: options.relativeGap });
    if (isMip && options.start?.length === model.cost.length) m.setSolution({ colValue: Float64Array.from(options.start) });
    m.run();
    const code = m.getModelStatus();
    const info = m.info;
    const primalStatus = Number(info.get("primal_solution_status"));
    const hasSolution = primalStatus === 2;
    const status = statusOf(code);
    const values = hasSolution ? Array.from(m.getSolution().colValue) : [];
    const objective = hasSolution ? m.getObjectiveValue() : null;
    let dual = null;
    let gap = null;
    if (hasSolution) {
      if (isMip) {
        dual = Number(info.get("mip_dual_bound"));
        gap = status === "optimal" && !Number.isFinite(dual) ? 0 : Number(info.get("mip_gap"));
      } else {
        dual = objective;
        gap = 0;
      }
      if (!Number.isFinite(gap)) gap = null;
      if (dual !== null && !Number.isFinite(dual)) dual = null;
    }
    // An LP's row duals let a caller price columns it left out (dual_solution_status 2: feasible).
    const rowDuals = !isMip && Number(info.get("dual_solution_status")) === 2 ? Array.from(m.getSolution().rowDual) : undefined;
    return {
      status,
      objective,
      bound: dual,
      gap,
      values,
      seconds: (performance.now() - started) / 1000,
      heapBytes: highs.memoryBytes,
      ...(rowDuals && { rowDuals }),
    };
  });
}

parentPort.on("message", (message) => {
  try {
    parentPort.postMessage({ result: solve(message) });
  } catch (error) {
    parentPort.postMessage({ error: String(error?.message ?? error) });
  }
});
parentPort.postMessage({ ready: true, heapBytes: highs.memoryBytes });
