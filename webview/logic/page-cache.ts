/**
 * Rows of a long list fetched a page at a time, as the virtual list scrolls. After a change the pages in
 * view are refetched but their old rows stay shown until the new ones arrive, so a busy queue does not
 * flicker; a new query (another filter) drops everything, and answers to an older query are ignored.
 */
export interface Page<T> {
  total: number;
  items: T[];
}

export class PageCache<T> {
  total = 0;
  /** Set once the first page of the current query has arrived, so "empty" is not shown while loading. */
  loaded = false;
  private pages = new Map<number, T[]>();
  private stale = new Set<number>();
  private inFlight = new Set<number>();
  private generation = 0;
  private lastRange: [number, number] = [0, 0];

  constructor(
    private readonly fetch: (offset: number, limit: number) => Promise<Page<T>>,
    private readonly onUpdate: () => void,
    readonly pageSize = 100,
  ) {}

  get(index: number): T | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  /** Loads whatever pages of rows first..last are missing or stale. */
  ensure(first: number, last: number): void {
    this.lastRange = [first, last];
    const from = Math.floor(Math.max(0, first) / this.pageSize);
    const to = Math.floor(Math.max(first, last) / this.pageSize);
    for (let p = from; p <= to; p++) {
      if ((!this.pages.has(p) || this.stale.has(p)) && !this.inFlight.has(p)) void this.load(p);
    }
  }

  /** The data changed: refetch the pages in view; other pages are dropped and load when scrolled to. */
  invalidate(): void {
    const [first, last] = this.lastRange;
    const keepFrom = Math.floor(first / this.pageSize);
    const keepTo = Math.floor(last / this.pageSize);
    for (const p of [...this.pages.keys()]) {
      if (p < keepFrom || p > keepTo) this.pages.delete(p);
      else this.stale.add(p);
    }
    if (!this.pages.size) this.stale.clear();
    this.ensure(first, last);
  }

  /** The query changed: nothing cached is valid any more. */
  reset(): void {
    this.generation++;
    this.pages.clear();
    this.stale.clear();
    this.inFlight.clear();
    this.loaded = false;
    this.total = 0;
    this.ensure(0, this.pageSize - 1);
  }

  private async load(page: number): Promise<void> {
    const generation = this.generation;
    this.inFlight.add(page);
    this.stale.delete(page);
    try {
      const result = await this.fetch(page * this.pageSize, this.pageSize);
      if (generation !== this.generation) return;
      this.pages.set(page, result.items);
      this.total = result.total;
      this.loaded = true;
      // The list shrank: pages past its end hold rows that no longer exist.
      for (const p of [...this.pages.keys()]) if (p * this.pageSize >= result.total && p !== 0) this.pages.delete(p);
    } catch {
      // Left missing: the next scroll or change asks again, rather than retrying in a loop.
    } finally {
      if (generation === this.generation) this.inFlight.delete(page);
    }
    // Changed again while this page was on its way: what arrived is already old.
    if (generation === this.generation && this.stale.has(page)) void this.load(page);
    this.onUpdate();
  }
}
