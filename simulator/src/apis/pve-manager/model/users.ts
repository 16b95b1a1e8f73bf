// Accounts of the service: email, password, role and the compute resource plan assigned to them.
import type { Store } from '../../../core/store.js';

export type Role = 'user' | 'admin' | 'SuperAdmin';
export const ROLES: readonly Role[] = ['user', 'admin', 'SuperAdmin'];

export interface User {
  id: string;
  email: string;
  password: string;
  role: Role;
  planId: string | null;
  createdAt: number;
}

interface UserRow {
  id: string;
  email: string;
  password: string;
  role: Role;
  plan_id: string | null;
  created_at: number;
}

const fromRow = (r: UserRow): User => ({ id: r.id, email: r.email, password: r.password, role: r.role, planId: r.plan_id, createdAt: r.created_at });

export class Users {
  constructor(private readonly store: Store) {}

  insert(user: User): void {
    this.store.run('INSERT INTO mgr_users (id, email, password, role, plan_id, created_at) VALUES (?, ?, ?, ?, ?, ?)', user.id, user.email, user.password, user.role, user.planId, user.createdAt);
  }

  get(id: string): User | undefined {
    const row = this.store.get<UserRow>('SELECT * FROM mgr_users WHERE id = ?', id);
    return row && fromRow(row);
  }

  byEmail(email: string): User | undefined {
    const row = this.store.get<UserRow>('SELECT * FROM mgr_users WHERE email = ? COLLATE NOCASE', email);
    return row && fromRow(row);
  }

  all(): User[] {
    return this.store.all<UserRow>('SELECT * FROM mgr_users ORDER BY created_at, email').map(fromRow);
  }
}
