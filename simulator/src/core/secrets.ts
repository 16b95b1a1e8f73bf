// Passwords are kept hashed in the store (a state export shows no scenario password) and compared in
// constant time, whichever API checks them.
import { createHash, timingSafeEqual } from 'node:crypto';

export function hashPassword(password: string): string {
  return createHash('sha256').update(`hypersim:${password}`).digest('hex');
}

/** Compares two secrets without leaking, through timing, how much of them matched. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
