/**
 * Broken promises a run found, by kind ("lost", "delivered after delete", ...): every one is counted,
 * the first few of each kind are kept word for word so a report says exactly what went wrong.
 */
export class Problems {
  readonly counts = new Map<string, number>();
  private readonly examples = new Map<string, string[]>();

  add(kind: string, detail: string): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    const list = this.examples.get(kind) ?? [];
    if (list.length < 5) list.push(detail);
    this.examples.set(kind, list);
  }

  count(kind: string): number {
    return this.counts.get(kind) ?? 0;
  }

  get total(): number {
    let n = 0;
    for (const v of this.counts.values()) n += v;
    return n;
  }

  describe(): string {
    if (this.total === 0) return 'no problems';
    return [...this.counts]
      .map(([kind, n]) => `${kind}: ${n}\n${this.examples.get(kind)!.map((e) => `    ${e}`).join('\n')}`)
      .join('\n');
  }
}
