/**
 * A binary heap over a plain array with the order given at each call, so the array itself can sit
 * in snapshot state (no closures stored). `less(a, b)` true means `a` comes out first.
 *
 * Upstream: pkg/scheduler/backend/heap/heap.go (keyed heap used by activeQ and backoffQ).
 */

function up<T>(h: T[], i: number, less: (a: T, b: T) => boolean): void {
  while (i > 0) {
    const p = (i - 1) >> 1
    if (!less(h[i], h[p])) break
    const t = h[i]
    h[i] = h[p]
    h[p] = t
    i = p
  }
}

function down<T>(h: T[], i: number, less: (a: T, b: T) => boolean): void {
  const n = h.length
  for (;;) {
    const l = 2 * i + 1
    if (l >= n) return
    let m = l
    if (l + 1 < n && less(h[l + 1], h[l])) m = l + 1
    if (!less(h[m], h[i])) return
    const t = h[i]
    h[i] = h[m]
    h[m] = t
    i = m
  }
}

/** Adds `x`. */
export function heapPush<T>(h: T[], x: T, less: (a: T, b: T) => boolean): void {
  h.push(x)
  up(h, h.length - 1, less)
}

/** Removes and returns the first element. */
export function heapPop<T>(h: T[], less: (a: T, b: T) => boolean): T | undefined {
  if (h.length === 0) return undefined
  const top = h[0]
  const last = h.pop()!
  if (h.length > 0) {
    h[0] = last
    down(h, 0, less)
  }
  return top
}

/** Removes the element at index `i` and returns it. */
export function heapRemoveAt<T>(h: T[], i: number, less: (a: T, b: T) => boolean): T {
  const x = h[i]
  const last = h.pop()!
  if (i < h.length) {
    h[i] = last
    down(h, i, less)
    up(h, i, less)
  }
  return x
}

/** Restores the order after the element at `i` changed. */
export function heapFix<T>(h: T[], i: number, less: (a: T, b: T) => boolean): void {
  down(h, i, less)
  up(h, i, less)
}
