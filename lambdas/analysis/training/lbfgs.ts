/**
 * Limited-memory BFGS with a backtracking (Armijo) line search: minimises a smooth function
 * given its value and gradient. Deterministic. Hand-written because it is a few dozen lines and
 * the training script must run offline from a clean clone with no numeric library.
 */
export interface LbfgsOptions {
  /** Pairs of past steps kept. */
  memory: number;
  maxIterations: number;
  /** Stop when the gradient's largest component falls below this. */
  gradientTolerance: number;
}

export const DEFAULT_LBFGS: LbfgsOptions = { memory: 8, maxIterations: 300, gradientTolerance: 1e-5 };

/** `evaluate(x, grad)` returns f(x) and writes its gradient into `grad`. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export function minimize(f: Objective, x0: Float64Array, opts: LbfgsOptions = DEFAULT_LBFGS): Float64Array {
  const n = x0.length;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  let fx = f(x, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const d = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const alpha = new Float64Array(opts.memory);
  for (let iter = 0; iter < opts.maxIterations; iter++) {
    if (maxAbs(g) < opts.gradientTolerance) break;
    // Two-loop recursion: d = -H g.
    d.set(g);
    for (let k = S.length - 1; k >= 0; k--) {
      const a = rho[k]! * dot(S[k]!, d);
      alpha[k] = a;
      axpy(-a, Y[k]!, d);
    }
    if (S.length > 0) {
      const last = S.length - 1;
      scale(d, dot(S[last]!, Y[last]!) / dot(Y[last]!, Y[last]!));
    } else scale(d, 1 / Math.max(1, Math.sqrt(dot(g, g))));
    for (let k = 0; k < S.length; k++) {
      const b = rho[k]! * dot(Y[k]!, d);
      axpy(alpha[k]! - b, S[k]!, d);
    }
    scale(d, -1);
    let slope = dot(g, d);
    if (slope >= 0) {
      // Not a descent direction: restart from steepest descent.
      S.length = 0;
      Y.length = 0;
      rho.length = 0;
      d.set(g);
      scale(d, -1 / Math.max(1, Math.sqrt(dot(g, g))));
      slope = dot(g, d);
    }
    let step = 1;
    let fNew = Number.POSITIVE_INFINITY;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i]! + step * d[i]!;
      fNew = f(xNew, gNew);
      if (fNew <= fx + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew < fx)) break;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i]! - x[i]!;
      y[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      if (S.length === opts.memory) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
    }
    const improved = fx - fNew;
    x.set(xNew);
    g.set(gNew);
    fx = fNew;
    if (improved < 1e-10 * Math.max(1, Math.abs(fx))) break;
  }
  return x;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i]! += a * x[i]!;
}

function scale(x: Float64Array, a: number): void {
  for (let i = 0; i < x.length; i++) x[i]! *= a;
}

function maxAbs(x: Float64Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]!));
  return m;
}
