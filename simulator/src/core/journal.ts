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

interface Stored {
  seq: number;
  atMs: number;
  entry: Omit<JournalEntry, 'seq' | 'time'>;
}

export class Journal {
  /** a ring: entry number n lives at slot n % capacity (times kept as numbers, formatted when listed) */
  private readonly slots: Array<Stored | undefined>;
  private seq = 0;

  constructor(private readonly capacity = 10_000) {
    this.slots = new Array<Stored | undefined>(capacity);
  }

  /** `atMs`: the virtual time of the request */
  record(atMs: number, entry: Omit<JournalEntry, 'seq' | 'time'>): void {
    this.seq += 1;
    this.slots[this.seq % this.capacity] = { seq: this.seq, atMs, entry };
  }

  /** the kept entries, oldest first */
  private entries(): JournalEntry[] {
    const out: JournalEntry[] = [];
    for (let n = Math.max(1, this.seq - this.capacity + 1); n <= this.seq; n++) {
      const stored = this.slots[n % this.capacity];
      if (stored?.seq === n) out.push({ seq: n, time: new Date(stored.atMs).toISOString(), ...stored.entry });
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
