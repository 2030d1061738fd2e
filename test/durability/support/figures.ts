/** A two-column figures table, printed by the long forms and by the short forms' mocha output. */
export type Figures = [label: string, value: string | number][];

export function formatFigures(title: string, figures: Figures): string {
  const width = Math.max(...figures.map(([label]) => label.length));
  const lines = figures.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`);
  return [title, ...lines].join('\n');
}

export const mib = (bytes: number | undefined) => (bytes === undefined ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(1)} MiB`);

/** A pseudo-random source with a seed, so a failing run can be repeated with --seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    // xorshift32: small, fast, and good enough to pick delays and partition keys.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
