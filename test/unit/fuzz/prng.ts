/** A seeded PRNG (mulberry32), so every fuzz run and every crash trial is reproducible from its seed. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  below(n: number): number;
  /** true with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  bytes(n: number): Uint8Array;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const below = (n: number): number => Math.floor(next() * n);
  return {
    next,
    below,
    chance: (p) => next() < p,
    pick: (items) => items[below(items.length)],
    bytes: (n) => Uint8Array.from({ length: n }, () => below(256)),
  };
}

/** Full variants (npm run soak) use the case counts of the issue; npm test uses the fast ones. */
export const SOAK = process.env.CMP_DESK_SOAK === '1';

/** The seed of this run: CMP_DESK_FUZZ_SEED replays a reported run, otherwise a fixed default. */
export const FUZZ_SEED = Number(process.env.CMP_DESK_FUZZ_SEED ?? 20_261_122);
