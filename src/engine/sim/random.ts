/**
 * Seeded random numbers (mulberry32). The state is one number, so it snapshots with the rest of
 * the engine. Nothing in the engine may call Math.random.
 */
export interface RandomState {
  s: number
}

export function newRandomState(seed: number): RandomState {
  return { s: seed >>> 0 || 0x9e3779b9 }
}

export class Random {
  constructor(readonly st: RandomState) {}

  /** A float in [0, 1). */
  next(): number {
    let t = (this.st.s = (this.st.s + 0x6d2b79f5) >>> 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n)
  }

  /** `n` characters drawn from `alphabet`. */
  string(n: number, alphabet: string): string {
    let out = ''
    for (let i = 0; i < n; i++) out += alphabet[this.int(alphabet.length)]
    return out
  }

  /** A version 4 UUID built from the seeded stream. */
  uuid(): string {
    // One string from character codes (concatenating 36 characters made a string per step).
    let at = 0
    for (let i = 0; i < 32; i++) {
      let d = this.int(16)
      if (i === 12) d = 4
      if (i === 16) d = (d & 0x3) | 0x8
      if (i === 8 || i === 12 || i === 16 || i === 20) UUID_CODES[at++] = 0x2d
      UUID_CODES[at++] = d < 10 ? 0x30 + d : 0x57 + d
    }
    return String.fromCharCode.apply(null, UUID_CODES)
  }
}

/** The character codes of the UUID being built (`-` included): reused, the engine runs on one thread. */
const UUID_CODES: number[] = new Array<number>(36).fill(0)

/**
 * The alphabet of generated name suffixes (`generateName`, ReplicaSet pods).
 * Upstream: k8s.io/apimachinery/pkg/util/rand (no vowels, no confusable characters).
 */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'
