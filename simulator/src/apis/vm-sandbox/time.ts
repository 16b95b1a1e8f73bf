/** A virtual-clock instant as pydantic writes a UTC datetime: `Z`, microseconds only when there are any. */
export function isoTime(epochMs: number): string {
  const text = new Date(epochMs).toISOString();
  return text.endsWith('.000Z') ? `${text.slice(0, -5)}Z` : `${text.slice(0, -1)}000Z`;
}
