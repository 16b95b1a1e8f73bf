// Templates (each bound to a PVE template by vmid and node) and the Boxes that point at them.
import type { Store } from '../../../core/store.js';
import type { User } from './users.js';

export interface Template {
  id: string;
  name: string;
  description: string;
  pveVmid: number;
  pveNode: string;
  owner: string;
  isPublic: boolean;
  /** creating while the clone task that makes it runs */
  status: 'creating' | 'ready';
  createdAt: number;
}

export interface Box {
  id: string;
  name: string;
  description: string;
  templateId: string;
  isPublic: boolean;
  createdAt: number;
}

interface TemplateRow {
  id: string;
  name: string;
  description: string;
  pve_vmid: number;
  pve_node: string;
  owner: string;
  is_public: number;
  status: Template['status'];
  created_at: number;
}

interface BoxRow {
  id: string;
  name: string;
  description: string;
  template_id: string;
  is_public: number;
  created_at: number;
}

const templateOf = (r: TemplateRow): Template => ({
  id: r.id, name: r.name, description: r.description, pveVmid: r.pve_vmid, pveNode: r.pve_node, owner: r.owner, isPublic: r.is_public === 1, status: r.status, createdAt: r.created_at,
});
const boxOf = (r: BoxRow): Box => ({ id: r.id, name: r.name, description: r.description, templateId: r.template_id, isPublic: r.is_public === 1, createdAt: r.created_at });

/** Users may use public templates and their own; admins and SuperAdmins may use every template. */
export function mayUse(user: User, template: Template): boolean {
  return template.isPublic || template.owner === user.id || user.role !== 'user';
}

export class Catalog {
  constructor(private readonly store: Store) {}

  insertTemplate(t: Template): void {
    this.store.run(
      'INSERT INTO mgr_templates (id, name, description, pve_vmid, pve_node, owner, is_public, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      t.id, t.name, t.description, t.pveVmid, t.pveNode, t.owner, t.isPublic ? 1 : 0, t.status, t.createdAt,
    );
  }

  template(id: string): Template | undefined {
    const row = this.store.get<TemplateRow>('SELECT * FROM mgr_templates WHERE id = ?', id);
    return row && templateOf(row);
  }

  templates(): Template[] {
    return this.store.all<TemplateRow>('SELECT * FROM mgr_templates ORDER BY created_at, id').map(templateOf);
  }

  templateNamed(name: string): Template | undefined {
    const row = this.store.get<TemplateRow>('SELECT * FROM mgr_templates WHERE name = ?', name);
    return row && templateOf(row);
  }

  markTemplateReady(id: string): void {
    this.store.run("UPDATE mgr_templates SET status = 'ready' WHERE id = ?", id);
  }

  removeTemplate(id: string): void {
    this.store.run('DELETE FROM mgr_templates WHERE id = ?', id);
  }

  insertBox(b: Box): void {
    this.store.run(
      'INSERT INTO mgr_boxes (id, name, description, template_id, is_public, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      b.id, b.name, b.description, b.templateId, b.isPublic ? 1 : 0, b.createdAt,
    );
  }

  box(id: string): Box | undefined {
    const row = this.store.get<BoxRow>('SELECT * FROM mgr_boxes WHERE id = ?', id);
    return row && boxOf(row);
  }

  publicBoxes(): Box[] {
    return this.store.all<BoxRow>('SELECT * FROM mgr_boxes WHERE is_public = 1 ORDER BY created_at, id').map(boxOf);
  }

  boxes(): Box[] {
    return this.store.all<BoxRow>('SELECT * FROM mgr_boxes ORDER BY created_at, id').map(boxOf);
  }
}
