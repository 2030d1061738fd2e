/** IPv4/IPv6 addresses and CIDR blocks for the filter-policy `cidr` operator. */
export interface CidrBlock {
  version: 4 | 6;
  network: bigint;
  bits: number;
}

export function parseIp(text: string): { version: 4 | 6; value: bigint } | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
    const parts = text.split('.').map(Number);
    if (parts.some((p) => p > 255)) return undefined;
    return { version: 4, value: parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n) };
  }
  if (!/^[0-9a-fA-F:]+$/.test(text) || !text.includes(':')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (all.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return { version: 6, value: all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n) };
}

/** Parses `address/bits`; throws the reason in SNS's words when the block is malformed. */
export function parseCidr(text: string): CidrBlock {
  const parts = text.split('/');
  if (parts.length !== 2) throw new Error("Malformed CIDR, one '/' required");
  const ip = parseIp(parts[0]);
  if (!ip) throw new Error(`Nonstandard IP address: ${parts[0]}`);
  const max = ip.version === 4 ? 32 : 128;
  if (!/^\d+$/.test(parts[1])) throw new Error('Malformed CIDR, mask bits must be an integer');
  const bits = Number(parts[1]);
  if (bits > max) throw new Error(`Malformed CIDR, mask bits must be between 0 and ${max}`);
  return { version: ip.version, network: ip.value >> BigInt(max - bits), bits };
}

export function cidrContains(block: CidrBlock, address: string): boolean {
  const ip = parseIp(address);
  if (!ip || ip.version !== block.version) return false;
  const max = ip.version === 4 ? 32 : 128;
  return ip.value >> BigInt(max - block.bits) === block.network;
}
