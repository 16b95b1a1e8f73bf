// TLS material for the HTTPS listeners: the user's own certificate, or a self-signed one generated on first
// start and kept in the data dir, so clients can pin it across restarts.
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { ConfigError } from './config.js';

export const CERT_FILE = 'hypersim-cert.pem';
export const KEY_FILE = 'hypersim-key.pem';

export interface TlsMaterial {
  cert: string;
  key: string;
  /** SHA-256 fingerprint of the certificate, colon-separated hex */
  fingerprint256: string;
  /** where it came from: 'given', 'generated' (new files), 'reused' (files from an earlier start), 'memory' */
  origin: 'given' | 'generated' | 'reused' | 'memory';
  /** the certificate file, when there is one */
  certPath: string | undefined;
}

export interface TlsSettings {
  dataDir: string;
  host: string;
  cert: string | undefined;
  key: string | undefined;
  /** where cert, key and data were set, for error messages (defaults: the flag names) */
  sources?: { cert?: string; key?: string; data?: string };
}

const VALIDITY_DAYS = 3650;

function readPem(path: string, setting: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`hypersim: ${setting}: cannot read '${path}' (${code === 'ENOENT' ? 'no such file' : code})`);
  }
}

function fingerprintOf(cert: string, where: string): string {
  try {
    return new X509Certificate(cert).fingerprint256;
  } catch {
    throw new ConfigError(`hypersim: ${where}: not a PEM certificate`);
  }
}

function checkKeyMatches(cert: string, key: string, where: string): void {
  let matches: boolean;
  try {
    matches = new X509Certificate(cert).checkPrivateKey(createPrivateKey(key));
  } catch {
    throw new ConfigError(`hypersim: ${where}: not a PEM private key (an encrypted key is not supported)`);
  }
  if (!matches) throw new ConfigError(`hypersim: ${where}: the key does not belong to the certificate`);
}

/** Wildcard listen addresses are no names a client connects to, so they stay out of the certificate. */
function subjectAltNames(host: string): Array<{ type: 2; value: string } | { type: 7; ip: string }> {
  const names = new Set(['localhost', '127.0.0.1', '::1', host]);
  names.delete('0.0.0.0');
  names.delete('::');
  return [...names].map((name) => (isIP(name) === 0 ? { type: 2, value: name } : { type: 7, ip: name }));
}

export async function generateSelfSigned(host: string): Promise<{ cert: string; key: string }> {
  const notBeforeDate = new Date();
  const notAfterDate = new Date(notBeforeDate.getTime() + VALIDITY_DAYS * 86_400_000);
  const pems = await generate([{ name: 'commonName', value: 'hypersim' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: subjectAltNames(host) },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

export async function loadTlsMaterial(settings: TlsSettings): Promise<TlsMaterial> {
  const certSource = settings.sources?.cert ?? '--cert';
  const keySource = settings.sources?.key ?? '--key';
  const dataSource = settings.sources?.data ?? '--data';
  if (settings.cert !== undefined && settings.key !== undefined) {
    const cert = readPem(settings.cert, certSource);
    const key = readPem(settings.key, keySource);
    const fingerprint256 = fingerprintOf(cert, certSource);
    checkKeyMatches(cert, key, keySource);
    return { cert, key, fingerprint256, origin: 'given', certPath: settings.cert };
  }
  if (settings.dataDir === ':memory:') {
    const { cert, key } = await generateSelfSigned(settings.host);
    return { cert, key, fingerprint256: fingerprintOf(cert, 'generated certificate'), origin: 'memory', certPath: undefined };
  }
  const certPath = join(settings.dataDir, CERT_FILE);
  const keyPath = join(settings.dataDir, KEY_FILE);
  if (existsSync(certPath) && existsSync(keyPath)) {
    const cert = readPem(certPath, dataSource);
    const key = readPem(keyPath, dataSource);
    return { cert, key, fingerprint256: fingerprintOf(cert, certPath), origin: 'reused', certPath };
  }
  const { cert, key } = await generateSelfSigned(settings.host);
  try {
    mkdirSync(settings.dataDir, { recursive: true });
    writeFileSync(keyPath, key, { mode: 0o600 });
    writeFileSync(certPath, cert);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ConfigError(`hypersim: ${dataSource}: cannot write the TLS certificate to '${settings.dataDir}' (${code})`);
  }
  return { cert, key, fingerprint256: fingerprintOf(cert, certPath), origin: 'generated', certPath };
}
