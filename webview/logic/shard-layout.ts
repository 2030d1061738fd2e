/**
 * Where each shard sits in the stream diagram: across, its share of the 128-bit hash-key space; down, its
 * generation (children of a split or merge one row below their parents), so lineage reads top to bottom.
 */
export interface ShardBox {
  shardId: string;
  /** 0..1 of the hash-key space. */
  x: number;
  width: number;
  row: number;
  parents: string[];
  open: boolean;
}

const SPACE = 2n ** 128n;
const SCALE = 1_000_000n;

const share = (key: bigint) => Number((key * SCALE) / SPACE) / Number(SCALE);

export function layoutShards(
  shards: { shardId: string; startingHashKey: string; endingHashKey: string; parentShardId?: string; adjacentParentShardId?: string; open: boolean }[],
): ShardBox[] {
  const byId = new Map(shards.map((s) => [s.shardId, s]));
  const rows = new Map<string, number>();
  const rowOf = (id: string, seen = new Set<string>()): number => {
    const known = rows.get(id);
    if (known !== undefined) return known;
    const s = byId.get(id);
    if (!s || seen.has(id)) return -1;
    seen.add(id);
    const parents = [s.parentShardId, s.adjacentParentShardId].filter((p): p is string => !!p && byId.has(p));
    const row = parents.length ? Math.max(...parents.map((p) => rowOf(p, seen))) + 1 : 0;
    rows.set(id, row);
    return row;
  };
  return shards.map((s) => {
    const start = BigInt(s.startingHashKey);
    const end = BigInt(s.endingHashKey) + 1n;
    return {
      shardId: s.shardId,
      x: share(start),
      width: share(end) - share(start),
      row: rowOf(s.shardId),
      parents: [s.parentShardId, s.adjacentParentShardId].filter((p): p is string => !!p && byId.has(p)),
      open: s.open,
    };
  });
}
