// Drive values as clients send them when creating a VM: `local-lvm:16` (allocate 16 GiB there),
// `local-lvm:cloudinit`, `none`, `cdrom`, or an existing volume such as `NFS:iso/debian-12.iso,media=cdrom`.
import { PveError, PveParamError } from '../errors.js';
import type { PveModel } from './index.js';
import { defaultFormat, freeVolumeId, type Storage } from './inventory.js';
import { GiB } from './units.js';

export const DRIVE_KEY = /^(?:scsi|virtio|sata|ide)\d+$/;
/** PVE's NEW_DISK_RE: an optional storage and a size in GiB */
const NEW_DISK = /^(?:([^/:\s]+):)?(\d+(?:\.\d+)?)$/;
const CLOUDINIT_BYTES = 4 * 1024 * 1024;

export interface PlannedVolume {
  volid: string;
  storage: string;
  size: number;
  format: string;
}

export interface PlannedDrive {
  key: string;
  /** the value the configuration will hold */
  value: string;
  volume?: PlannedVolume;
  log?: string;
}

/** Resolves one drive parameter of a create request: what to allocate and what the config holds. */
export function planDrive(model: PveModel, node: string, vmid: number, key: string, value: string, defaultStorage: string | undefined, taken: Set<string>): PlannedDrive {
  const [file = '', ...options] = value.split(',');
  const media = options.find((o) => o.startsWith('media='))?.slice(6);
  if (file === 'none' || file === 'cdrom' || file === '') return { key, value };
  const colon = file.indexOf(':');
  if (colon > 0 && file.slice(colon + 1) === 'cloudinit') {
    const storage = requireImages(model, file.slice(0, colon), node);
    const format = defaultFormat(storage);
    const volid = storage.type === 'lvmthin' || storage.type === 'lvm' || storage.type === 'zfspool' || storage.type === 'rbd' ? `${storage.id}:vm-${vmid}-cloudinit` : `${storage.id}:${vmid}/vm-${vmid}-cloudinit.${format}`;
    const config = [volid, 'media=cdrom', ...options.filter((o) => !o.startsWith('media='))].join(',');
    return { key, value: config, volume: { volid, storage: storage.id, size: CLOUDINIT_BYTES, format }, log: `${key}: successfully created disk '${config}'` };
  }
  const fresh = NEW_DISK.exec(file);
  if (fresh) {
    const storeid = fresh[1] ?? defaultStorage;
    if (!storeid) throw new PveError('no storage ID specified (and no default storage)');
    const storage = requireImages(model, storeid, node);
    const size = Math.round(Number(fresh[2]) * GiB);
    const format = options.find((o) => o.startsWith('format='))?.slice(7) ?? defaultFormat(storage);
    const volid = freeVolumeId(model.inventory, storage, vmid, format, taken);
    const rest = options.filter((o) => !o.startsWith('format=') && !o.startsWith('size='));
    const config = [volid, ...rest, `size=${formatGiB(size)}`].join(',');
    return { key, value: config, volume: { volid, storage: storage.id, size, format }, log: `${key}: successfully created disk '${config}'` };
  }
  // an existing volume: its storage must exist; ISO images only as CD-ROMs
  if (colon > 0) model.inventory.requireStorage(file.slice(0, colon), node);
  if (/^[^:]+:iso\//.test(file) && media !== 'cdrom') throw new PveParamError({ [key]: "explicit 'media=cdrom' is required for iso images" });
  return { key, value };
}

function requireImages(model: PveModel, id: string, node: string): Storage {
  const storage = model.inventory.requireStorage(id, node);
  if (!storage.content.split(',').includes('images')) throw new PveParamError({ storage: `storage '${id}' does not support vm images` });
  return storage;
}

function formatGiB(bytes: number): string {
  return bytes % GiB === 0 ? `${bytes / GiB}G` : `${Math.round(bytes / 1024 / 1024)}M`;
}
