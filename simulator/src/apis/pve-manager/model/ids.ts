// 24-hex ids shaped like MongoDB ObjectIds: 8 hex digits of seconds (virtual clock), then 16 random ones.
import type { ApiContext } from '../../../core/api-module.js';

export const OBJECT_ID = /^[0-9a-f]{24}$/;

export function objectId(ctx: ApiContext): string {
  const seconds = Math.floor(ctx.clock.now() / 1000) >>> 0;
  return seconds.toString(16).padStart(8, '0') + ctx.rng.hex(16);
}
