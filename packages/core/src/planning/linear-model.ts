/**
 * A mixed-integer linear model as plain arrays, built by the planners here (pure, testable) and
 * solved by the server's HiGHS worker. Rows are stored compressed by row (CSR), the layout HiGHS
 * takes directly, so a model of 100,000 columns costs no text to write or parse.
 */
export interface LinearModel {
  columnNames: string[];
  cost: number[];
  lower: number[];
  upper: number[];
  integer: boolean[];
  rowNames: string[];
  rowLower: number[];
  rowUpper: number[];
  /** Row i's entries are starts[i]..starts[i + 1] of `indices` (columns) and `values`. */
  starts: number[];
  indices: number[];
  values: number[];
}

/** What HiGHS said of a model, in our terms. */
export type SolveStatus = "optimal" | "time_limit" | "infeasible" | "unbounded" | "error";

export interface SolveResult {
  status: SolveStatus;
  /** Objective of the best solution found (null when none was found). */
  objective: number | null;
  /** The solver's proven lower bound on the objective (a MIP's dual bound; the objective itself for an LP). */
  bound: number | null;
  /** Relative gap between objective and bound, 0 when proven optimal; null when no solution. */
  gap: number | null;
  /** Column values of the best solution, in column order (empty when none). */
  values: number[];
  seconds: number;
  /** The WebAssembly heap after the solve, in bytes (it only grows within one runtime). */
  heapBytes: number;
  /**
   * Row duals of an LP's optimum, in row order (absent for a MIP or without a dual solution):
   * the pairing planner prices the pairs it left out with them (column generation).
   */
  rowDuals?: number[];
}

export interface SolveOptions {
  timeLimitSeconds: number;
  /** Stop when the relative gap is at most this (HiGHS mip_rel_gap). */
  relativeGap: number;
  /** A known solution (a value per column) the MIP starts from: its incumbent from the first moment. */
  start?: number[];
}

/** Columns are binary unless said otherwise. */
export interface ColumnSpec {
  cost?: number;
  lower?: number;
  upper?: number;
  integer?: boolean;
}

export class ModelBuilder {
  private readonly model: LinearModel = {
    columnNames: [],
    cost: [],
    lower: [],
    upper: [],
    integer: [],
    rowNames: [],
    rowLower: [],
    rowUpper: [],
    starts: [0],
    indices: [],
    values: [],
  };

  get columnCount(): number {
    return this.model.cost.length;
  }

  get rowCount(): number {
    return this.model.rowLower.length;
  }

  column(name: string, spec: ColumnSpec = {}): number {
    const m = this.model;
    m.columnNames.push(name);
    m.cost.push(spec.cost ?? 0);
    m.lower.push(spec.lower ?? 0);
    m.upper.push(spec.upper ?? 1);
    m.integer.push(spec.integer ?? true);
    return m.cost.length - 1;
  }

  addCost(column: number, cost: number): void {
    this.model.cost[column] = (this.model.cost[column] ?? 0) + cost;
  }

  /**
   * Adds lower ≤ Σ coefficient·column ≤ upper. Repeated columns in one row are summed (HiGHS
   * refuses duplicates); an empty row is kept only when its bounds could fail, so a caller need not
   * special-case "no candidates" — the infeasibility stays visible.
   */
  row(name: string, entries: readonly (readonly [number, number])[], lower: number, upper: number): number | null {
    const summed = new Map<number, number>();
    for (const [column, value] of entries) summed.set(column, (summed.get(column) ?? 0) + value);
    for (const [column, value] of summed) if (value === 0) summed.delete(column);
    if (summed.size === 0 && lower <= 0 && upper >= 0) return null;
    const m = this.model;
    m.rowNames.push(name);
    m.rowLower.push(lower);
    m.rowUpper.push(upper);
    for (const [column, value] of summed) {
      m.indices.push(column);
      m.values.push(value);
    }
    m.starts.push(m.indices.length);
    return m.rowLower.length - 1;
  }

  build(): LinearModel {
    return this.model;
  }
}

/** What a plan reports of its solve: the solver's verdict and the model's size. */
export type SolverSummary = Pick<SolveResult, "status" | "objective" | "bound" | "gap" | "seconds" | "heapBytes"> & { columns: number; rows: number };

export function solverSummary(result: SolveResult, model: LinearModel): SolverSummary {
  const { status, objective, bound, gap, seconds, heapBytes } = result;
  return { status, objective, bound, gap, seconds, heapBytes, columns: model.cost.length, rows: model.rowLower.length };
}
