// Sizes the way PVE writes them in configurations: 32G, 512M, 4T.

const UNITS: Record<string, number> = { K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

export const GiB = UNITS.G!;

/** "32G" -> bytes; a bare number is bytes */
export function parseSize(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([KMGT])?$/.exec(text);
  if (!m) return undefined;
  return Math.round(Number(m[1]) * (m[2] ? UNITS[m[2]]! : 1));
}

export function formatSize(bytes: number): string {
  for (const unit of ['T', 'G', 'M', 'K'] as const) if (bytes % UNITS[unit]! === 0 && bytes >= UNITS[unit]!) return `${bytes / UNITS[unit]!}${unit}`;
  return String(bytes);
}
