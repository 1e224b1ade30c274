/**
 * Binary logistic regression with an L2 penalty over sparse rows, fitted by L-BFGS:
 * minimises sum_i c_i * log(1 + exp(-y_i (w.x_i + b))) + lambda/2 * |w|^2, where c_i weighs
 * each row (0 leaves it out: an optional topic is neither a positive nor a negative).
 */
import { DEFAULT_LBFGS, type LbfgsOptions, minimize } from './lbfgs';

export interface SparseRow {
  idx: Int32Array;
  val: Float64Array;
}

export interface BinaryProblem {
  rows: readonly SparseRow[];
  dim: number;
  /** 1 for a positive, 0 for a negative. */
  y: ArrayLike<number>;
  /** Row weights. */
  c: ArrayLike<number>;
}

export interface LinearModel {
  w: Float64Array;
  b: number;
}

export function trainLogistic(
  p: BinaryProblem,
  lambda: number,
  opts: LbfgsOptions = DEFAULT_LBFGS,
): LinearModel {
  const { rows, dim } = p;
  const objective = (x: Float64Array, grad: Float64Array): number => {
    let f = 0;
    grad.fill(0);
    const b = x[dim]!;
    for (let i = 0; i < rows.length; i++) {
      const c = p.c[i]!;
      if (c === 0) continue;
      const r = rows[i]!;
      let z = b;
      for (let k = 0; k < r.idx.length; k++) z += x[r.idx[k]!]! * r.val[k]!;
      const ys = p.y[i] ? 1 : -1;
      const m = ys * z;
      // log(1 + exp(-m)), stable both ways.
      f += c * (m > 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m)));
      const g = -c * ys * (1 / (1 + Math.exp(m)));
      for (let k = 0; k < r.idx.length; k++) grad[r.idx[k]!]! += g * r.val[k]!;
      grad[dim]! += g;
    }
    for (let j = 0; j < dim; j++) {
      f += 0.5 * lambda * x[j]! * x[j]!;
      grad[j]! += lambda * x[j]!;
    }
    return f;
  };
  const x = minimize(objective, new Float64Array(dim + 1), opts);
  return { w: x.subarray(0, dim), b: x[dim]! };
}

export function decision(m: LinearModel, r: SparseRow): number {
  let z = m.b;
  for (let k = 0; k < r.idx.length; k++) z += m.w[r.idx[k]!]! * r.val[k]!;
  return z;
}

/**
 * Platt scaling: a and b of p = 1 / (1 + exp(-(a z + b))) fitted to held-out scores z and labels,
 * with Platt's smoothed targets so a perfectly separated fold does not give infinite slopes.
 */
export function fitPlatt(z: readonly number[], y: readonly number[], c: readonly number[]): [number, number] {
  let pos = 0;
  let neg = 0;
  for (let i = 0; i < y.length; i++) {
    if (!c[i]) continue;
    if (y[i]) pos++;
    else neg++;
  }
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  const objective = (x: Float64Array, grad: Float64Array): number => {
    const [a, b] = [x[0]!, x[1]!];
    let f = 0;
    grad.fill(0);
    for (let i = 0; i < z.length; i++) {
      if (!c[i]) continue;
      const t = y[i] ? hi : lo;
      const s = a * z[i]! + b;
      // -t log p - (1-t) log(1-p), p = sigmoid(s)
      const logp = s > 0 ? -Math.log1p(Math.exp(-s)) : s - Math.log1p(Math.exp(s));
      const log1mp = s > 0 ? -s - Math.log1p(Math.exp(-s)) : -Math.log1p(Math.exp(s));
      f -= t * logp + (1 - t) * log1mp;
      const p = 1 / (1 + Math.exp(-s));
      grad[0]! += (p - t) * z[i]!;
      grad[1]! += p - t;
    }
    return f;
  };
  const x = minimize(objective, Float64Array.from([1, 0]), { ...DEFAULT_LBFGS, maxIterations: 200 });
  return [x[0]!, x[1]!];
}
