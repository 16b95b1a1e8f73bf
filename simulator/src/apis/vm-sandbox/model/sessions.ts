// Sessions: the execution context bound to a VM, created -> active (the VM runs) -> terminated (the VM
// was deleted, expired or failed to boot). Terminated sessions stay readable.
import type { Store } from '../../../core/store.js';

export type SessionStatus = 'created' | 'active' | 'terminated';

export interface Session {
  sessionId: string;
  owner: string;
  vmId: string | null;
  status: SessionStatus;
  createdAt: number;
  terminatedAt: number | null;
  terminationReason: string | null;
}

export class Sessions {
  constructor(private readonly store: Store) {}

  create(sessionId: string, owner: string, vmId: string, now: number, status: SessionStatus = 'created'): void {
    this.store.run(
      'INSERT INTO sandbox_sessions (session_id, owner, vm_id, status, created_at) VALUES (?, ?, ?, ?, ?)',
      sessionId, owner, vmId, status, now,
    );
  }

  get(sessionId: string, owner?: string): Session | undefined {
    const row = this.store.get<Record<string, any>>('SELECT * FROM sandbox_sessions WHERE session_id = ?', sessionId);
    if (!row || (owner !== undefined && row.owner !== owner)) return undefined;
    return toSession(row);
  }

  list(owner?: string): Session[] {
    const rows = owner === undefined
      ? this.store.all<Record<string, any>>('SELECT * FROM sandbox_sessions ORDER BY created_at, rowid')
      : this.store.all<Record<string, any>>('SELECT * FROM sandbox_sessions WHERE owner = ? ORDER BY created_at, rowid', owner);
    return rows.map(toSession);
  }

  /** created -> active, once the VM runs (a session terminated meanwhile stays terminated). */
  activate(sessionId: string): void {
    this.store.run("UPDATE sandbox_sessions SET status = 'active' WHERE session_id = ? AND status = 'created'", sessionId);
  }

  terminate(sessionId: string, now: number, reason: string, keepVm = true): void {
    this.store.run(
      `UPDATE sandbox_sessions SET status = 'terminated', terminated_at = ?, termination_reason = ?, vm_id = CASE WHEN ? THEN vm_id ELSE NULL END
       WHERE session_id = ? AND status <> 'terminated'`,
      now, reason, keepVm ? 1 : 0, sessionId,
    );
  }
}

function toSession(row: Record<string, any>): Session {
  return {
    sessionId: row.session_id,
    owner: row.owner,
    vmId: row.vm_id,
    status: row.status,
    createdAt: row.created_at,
    terminatedAt: row.terminated_at,
    terminationReason: row.termination_reason,
  };
}
