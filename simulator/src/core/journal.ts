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
  /** a ring: entry number n lives at slot n % capacity */
  private readonly slots: Array<JournalEntry | undefined>;
  private seq = 0;

  constructor(private readonly capacity = 10_000) {
    this.slots = new Array<JournalEntry | undefined>(capacity);
  }

  record(entry: Omit<JournalEntry, 'seq'>): void {
    this.seq += 1;
    this.slots[this.seq % this.capacity] = { seq: this.seq, ...entry };
  }

  /** the kept entries, oldest first */
  private entries(): JournalEntry[] {
    const out: JournalEntry[] = [];
    for (let n = Math.max(1, this.seq - this.capacity + 1); n <= this.seq; n++) {
      const entry = this.slots[n % this.capacity];
      if (entry?.seq === n) out.push(entry);
    }
    return out;
  }

  list(filter: { api?: string; since?: number; limit?: number } = {}): JournalEntry[] {
    const selected = this.entries().filter((e) => (filter.api === undefined || e.api === filter.api) && (filter.since === undefined || e.seq > filter.since));
    return filter.limit === undefined ? selected : selected.slice(-filter.limit);
  }

  clear(): void {
    this.slots.fill(undefined);
  }
}
