import type { LinearModel, SolveOptions, SolveResult } from "@medbridge/core";
import { solve } from "./solve.ts";

/**
 * Solving a large 0–1 model exactly without handing HiGHS every column: column generation on the
 * LP relaxation, then the MIP on the columns that can matter, with a proof that the rest cannot.
 *
 * 1. Solve the LP relaxation on a subset of columns (`start`, plus every column it marks as always
 *    in: slacks and helpers). Price every column left out with the row duals (reduced cost
 *    c_j − Σ a_ij·y_i); add the most negative and repeat until none is negative. The LP value is
 *    then the relaxation's optimum over ALL columns: a valid lower bound LB for the full MIP.
 * 2. Solve the MIP on the generated columns: an incumbent of value UB.
 * 3. Any solution using a column whose reduced cost exceeds UB − LB costs more than UB (reduced-cost
 *    fixing), so adding every column with reduced cost ≤ UB − LB and solving the MIP again gives
 *    the optimum of the full model; its bound is min(MIP bound, UB of step 2).
 * The answer is in the full model's column order (left-out columns are 0). When a step runs out of
 * time the best answer so far is returned with the bound it has (null when pricing did not finish).
 */
const PRICE_TOLERANCE = 1e-6;
const COLUMNS_PER_ROUND = 3000;
const MAX_ROUNDS = 60;

/** The model restricted to some columns (rows kept whole; their other entries dropped). */
function restrict(model: LinearModel, columns: readonly number[]): LinearModel {
  const position = new Int32Array(model.cost.length).fill(-1);
  columns.forEach((c, i) => {
    position[c] = i;
  });
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (let r = 0; r < model.rowLower.length; r++) {
    for (let k = model.starts[r] as number; k < (model.starts[r + 1] as number); k++) {
      const p = position[model.indices[k] as number] as number;
      if (p >= 0) {
        indices.push(p);
        values.push(model.values[k] as number);
      }
    }
    starts.push(indices.length);
  }
  return {
    columnNames: columns.map((c) => model.columnNames[c] as string),
    cost: columns.map((c) => model.cost[c] as number),
    lower: columns.map((c) => model.lower[c] as number),
    upper: columns.map((c) => model.upper[c] as number),
    integer: columns.map((c) => model.integer[c] as boolean),
    rowNames: model.rowNames,
    rowLower: model.rowLower,
    rowUpper: model.rowUpper,
    starts,
    indices,
    values,
  };
}

/** Reduced cost of every column under the given row duals (c − Aᵀy), from the rows once. */
function reducedCosts(model: LinearModel, rowDuals: readonly number[]): Float64Array {
  const rc = Float64Array.from(model.cost);
  for (let r = 0; r < model.rowLower.length; r++) {
    const y = rowDuals[r] ?? 0;
    if (y === 0) continue;
    for (let k = model.starts[r] as number; k < (model.starts[r + 1] as number); k++) {
      const column = model.indices[k] as number;
      rc[column] = (rc[column] as number) - (model.values[k] as number) * y;
    }
  }
  return rc;
}

const relaxed = (m: LinearModel): LinearModel => ({ ...m, integer: m.integer.map(() => false) });

export interface PricedSolveResult extends SolveResult {
  /** Columns the last MIP saw, out of the model's. */
  columnsUsed: number;
  pricingRounds: number;
  /** The LP relaxation's optimum over all columns (null when pricing did not finish in time). */
  lpBound: number | null;
}

export async function solveByPricing(model: LinearModel, start: readonly boolean[], options: SolveOptions): Promise<PricedSolveResult> {
  const began = performance.now();
  const left = () => Math.max(0.1, options.timeLimitSeconds - (performance.now() - began) / 1000);
  const inModel = Uint8Array.from(start, (s) => (s ? 1 : 0));
  const chosen = () => {
    const out: number[] = [];
    inModel.forEach((v, i) => {
      if (v) out.push(i);
    });
    return out;
  };
  const expand = (columns: readonly number[], values: readonly number[]) => {
    const full = new Array<number>(model.cost.length).fill(0);
    columns.forEach((c, i) => {
      full[c] = values[i] ?? 0;
    });
    return full;
  };

  // 1. Column generation on the relaxation.
  let lpBound: number | null = null;
  let duals: number[] | null = null;
  let rounds = 0;
  for (; rounds < MAX_ROUNDS && left() > 0.2; rounds++) {
    const columns = chosen();
    const lp = await solve(relaxed(restrict(model, columns)), { timeLimitSeconds: left(), relativeGap: options.relativeGap });
    if (lp.status !== "optimal" || !lp.rowDuals) break;
    duals = lp.rowDuals;
    const rc = reducedCosts(model, duals);
    const entering: number[] = [];
    rc.forEach((v, i) => {
      if (!inModel[i] && v < -PRICE_TOLERANCE) entering.push(i);
    });
    if (entering.length === 0) {
      lpBound = lp.objective;
      break;
    }
    entering.sort((a, b) => (rc[a] as number) - (rc[b] as number));
    for (const c of entering.slice(0, COLUMNS_PER_ROUND)) inModel[c] = 1;
  }

  // 2. The MIP on the generated columns and every column of nil reduced cost: the LP's own columns
  //    rarely make a good integer plan by themselves, the free ones usually do.
  if (lpBound !== null && duals !== null) {
    const rc = reducedCosts(model, duals);
    rc.forEach((v, i) => {
      if (v <= PRICE_TOLERANCE) inModel[i] = 1;
    });
  }
  let columns = chosen();
  let mip = await solve(restrict(model, columns), { timeLimitSeconds: left(), relativeGap: options.relativeGap });
  if (mip.objective === null || lpBound === null || duals === null) {
    return {
      ...mip,
      values: mip.values.length ? expand(columns, mip.values) : [],
      bound: lpBound ?? null,
      gap: null,
      columnsUsed: columns.length,
      pricingRounds: rounds,
      lpBound,
    };
  }

  // 3. Every column that could still improve on the incumbent joins; the MIP again proves the optimum.
  const firstIncumbent = mip.objective;
  const rc = reducedCosts(model, duals);
  let joined = 0;
  const provenAlready = (firstIncumbent - lpBound) / Math.max(1e-9, Math.abs(firstIncumbent)) <= options.relativeGap;
  rc.forEach((v, i) => {
    if (!provenAlready && !inModel[i] && v <= firstIncumbent - lpBound + PRICE_TOLERANCE) {
      inModel[i] = 1;
      joined++;
    }
  });
  let values = expand(columns, mip.values);
  // The first MIP's own bound holds for its columns only; the LP bound holds for all of them.
  let mipBound = lpBound;
  if (joined > 0) {
    const wider = chosen();
    const position = new Map(columns.map((c, i) => [c, i]));
    const start = wider.map((c) => (position.has(c) ? (mip.values[position.get(c) as number] ?? 0) : 0));
    const second = await solve(restrict(model, wider), { timeLimitSeconds: left(), relativeGap: options.relativeGap, start });
    if (second.objective !== null && second.objective <= firstIncumbent + PRICE_TOLERANCE) {
      mip = second;
      columns = wider;
      values = expand(columns, second.values);
      mipBound = Math.min(second.bound ?? lpBound, firstIncumbent);
    } else {
      // The wider MIP found nothing better in time: the bound is what it proved, capped by the incumbent.
      mipBound = Math.min(second.bound ?? lpBound, firstIncumbent);
    }
  }
  const objective = mip.objective as number;
  const bound = Math.max(lpBound, mipBound);
  const gap = objective === 0 ? 0 : Math.max(0, (objective - bound) / Math.abs(objective));
  return {
    ...mip,
    status: gap <= options.relativeGap + 1e-9 ? "optimal" : mip.status === "optimal" ? "time_limit" : mip.status,
    objective,
    bound,
    gap,
    values,
    seconds: (performance.now() - began) / 1000,
    columnsUsed: columns.length,
    pricingRounds: rounds,
    lpBound,
  };
}
