// A small Veeam EM client for tests: logon with Basic credentials, requests in XML or JSON, the manual
// clock, and tasks followed to their end.
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { createSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator.js';

export const BASE = 'https://em.test:9398/api';
export const NS = 'http://www.veeam.com/ent/v1.0';
export const JOBS = {
  backup: '78c3919c-54d7-43fe-b047-485d3566f11f',
  replica: '2b7e5a91-3c4d-4e6f-8a9b-0c1d2e3f4a5b',
  backupCopy: '5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f',
  immediate: '9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4',
};
export const REPOSITORIES = { default: '8a511e84-067a-4f0c-a30d-ad79092691be', offsite: 'cf99cfbb-e097-432c-bafb-6558d3957f5b' };
export const SERVER = '3f8c1d2e-6a4b-4c5d-8e9f-0a1b2c3d4e5f';
export const GiB = 1024 ** 3;

export function veeamSimulator(options: Partial<SimulatorOptions> = {}): Simulator {
  return createSimulator({ dataDir: ':memory:', seed: 1, clock: { mode: 'manual' }, scenario: 'default', apis: ['veeam-em'], ...options });
}

export async function withVeeam<T>(fn: (sim: Simulator) => Promise<T>, options: Partial<SimulatorOptions> = {}): Promise<T> {
  const sim = veeamSimulator(options);
  try {
    return await fn(sim);
  } finally {
    sim.close();
  }
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** the JSON body, when the answer is JSON */
  json: any;
  /** the XML body as an ordered tree, when the answer is XML */
  xml: XmlNode | undefined;
}

/** An XML element as tests look at it: name, attributes, child elements in order, text. */
export interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, parseAttributeValue: false, ignoreDeclaration: true });

export function parseXmlTree(text: string): XmlNode {
  const nodes = parser.parse(text) as Array<Record<string, unknown>>;
  const toNode = (raw: Record<string, unknown>): XmlNode => {
    const name = Object.keys(raw).find((k) => k !== ':@')!;
    const children = (raw[name] as Array<Record<string, unknown>>) ?? [];
    return {
      name,
      attributes: (raw[':@'] as Record<string, string>) ?? {},
      children: children.filter((c) => !('#text' in c)).map(toNode),
      text: children.filter((c) => '#text' in c).map((c) => String(c['#text'])).join(''),
    };
  };
  const roots = nodes.filter((n) => !('#text' in n));
  if (roots.length !== 1) throw new Error(`expected one root element, got ${roots.length}`);
  return toNode(roots[0]!);
}

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node?.children.find((c) => c.name === name);
}

export class VeeamClient {
  token: string | undefined;

  constructor(readonly sim: Simulator) {}

  async logon(user = 'Administrator', password = 'hypersim'): Promise<this> {
    const res = await this.send('POST', '/sessionMngr/?v=latest', { headers: { authorization: basic(user, password) } });
    if (res.status !== 201) throw new Error(`logon failed: ${res.status} ${res.text}`);
    this.token = res.headers.get('x-restsvcsessionid') ?? undefined;
    return this;
  }

  /** XML unless json is set; a body object goes as JSON, a string as XML. */
  async send(method: string, path: string, options: { json?: boolean; body?: unknown; contentType?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...(this.token ? { 'X-RestSvcSessionId': this.token } : {}), ...(options.json ? { accept: 'application/json' } : {}), ...options.headers };
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] = options.contentType ?? (typeof options.body === 'string' ? 'application/xml' : 'application/json');
    }
    const res = await this.sim.fetch('veeam-em')(new Request(`${BASE}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) }));
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    return {
      status: res.status,
      headers: res.headers,
      text,
      json: type.startsWith('application/json') ? JSON.parse(text) : undefined,
      xml: type.startsWith('application/xml') && text ? parseXmlTree(text) : undefined,
    };
  }

  get(path: string, json = false): Promise<Answer> {
    return this.send('GET', path, { json });
  }

  async advance(seconds: number): Promise<void> {
    await this.sim.fetch('veeam-em')(new Request('http://em.test/_sim/clock/advance', { method: 'POST', body: JSON.stringify({ seconds }) }));
  }

  /** Advances the manual clock until the task is Finished; returns its JSON. */
  async finish(taskId: string): Promise<any> {
    for (let i = 0; i < 200; i++) {
      const task = (await this.get(`/tasks/${taskId}`, true)).json;
      if (task.State === 'Finished') return task;
      await this.advance(5);
    }
    throw new Error(`task ${taskId} never finished`);
  }
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export async function adminClient(sim: Simulator): Promise<VeeamClient> {
  return new VeeamClient(sim).logon();
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@' });

/** A JobCloneSpec document with one CloneInfo element holding `elements` in the given order. */
export function cloneXml(info: string, elements: Record<string, string>, namespace = NS): string {
  return `<?xml version="1.0" encoding="utf-8"?>${builder.build({ JobCloneSpec: { '@xmlns': namespace, [info]: elements } })}`;
}
