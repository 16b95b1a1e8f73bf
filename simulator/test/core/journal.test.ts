import { describe, expect, it } from 'vitest';
import { Journal } from '../../src/core/journal.js';

const entry = (path: string) => ({ api: 'pve', method: 'GET', path, query: '', status: 200, durationMs: 1 });
const AT = Date.UTC(2025, 0, 1);

describe('request journal', () => {
  it('keeps the newest entries, oldest first, once full', () => {
    const journal = new Journal(3);
    for (const p of ['/a', '/b', '/c', '/d', '/e']) journal.record(AT, entry(p));
    expect(journal.list().map((e) => [e.seq, e.path])).toEqual([[3, '/c'], [4, '/d'], [5, '/e']]);
    expect(journal.list({ since: 4 }).map((e) => e.path)).toEqual(['/e']);
    expect(journal.list({ limit: 1 }).map((e) => e.path)).toEqual(['/e']);
    journal.clear();
    expect(journal.list()).toEqual([]);
    journal.record(AT, entry('/f'));
    expect(journal.list().map((e) => [e.seq, e.time])).toEqual([[6, '2025-01-01T00:00:00.000Z']]);
  });
});
