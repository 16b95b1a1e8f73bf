// The request journal: what clients called, kept in memory (a bounded ring) for assertions in tests.

export interface JournalEntry {
  seq: number;
  /** virtual time of the request, ISO 8601 */
  time: string;
  api: string;
  method: string;
  path: string;
  query: string;
  status: number;
  durationMs: number;
  operationId?: string;
  fault?: string;
}

export class Journal {
  private entries: JournalEntry[] = [];
  private seq = 0;

  constructor(private readonly capacity = 10_000) {}

  record(entry: Omit<JournalEntry, 'seq'>): void {
    this.entries.push({ seq: ++this.seq, ...entry });
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  list(filter: { api?: string; since?: number; limit?: number } = {}): JournalEntry[] {
    const selected = this.entries.filter((e) => (filter.api === undefined || e.api === filter.api) && (filter.since === undefined || e.seq > filter.since));
    return filter.limit === undefined ? selected : selected.slice(-filter.limit);
  }

  clear(): void {
    this.entries = [];
  }
}
