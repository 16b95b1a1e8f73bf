// UPIDs: UPID:{node}:{pid}:{pstart}:{starttime}:{type}:{id}:{user}: with 8-digit upper-case hex numbers.

export interface Upid {
  node: string;
  pid: number;
  pstart: number;
  starttime: number;
  type: string;
  id: string;
  user: string;
}

const hex8 = (n: number) => (n >>> 0).toString(16).toUpperCase().padStart(8, '0');

export function formatUpid(u: Upid): string {
  return `UPID:${u.node}:${hex8(u.pid)}:${hex8(u.pstart)}:${hex8(u.starttime)}:${u.type}:${u.id}:${u.user}:`;
}

const UPID_PATTERN = /^UPID:([a-zA-Z0-9-]+):([0-9A-F]{8}):([0-9A-F]{8}):([0-9A-F]{8}):([^:]+):([^:]*):([^:]+):$/;

export function parseUpid(text: string): Upid | undefined {
  const m = UPID_PATTERN.exec(text);
  if (!m) return undefined;
  return { node: m[1]!, pid: parseInt(m[2]!, 16), pstart: parseInt(m[3]!, 16), starttime: parseInt(m[4]!, 16), type: m[5]!, id: m[6]!, user: m[7]! };
}
