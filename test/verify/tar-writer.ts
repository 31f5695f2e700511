/** Test helper: writes small tar streams (ustar, with pax or GNU records for long names). */
import { gzipSync } from 'node:zlib';

export interface WEntry {
  path: string;
  type?: 'file' | 'dir' | 'symlink' | 'hardlink';
  data?: Buffer | string;
  /** Declared size when no data is given (content is zeros). */
  size?: number;
  linkname?: string;
  /** How to store a path longer than 100 bytes. */
  longName?: 'pax' | 'gnu' | 'prefix';
}

function header(name: string, size: number, flag: string, linkname = '', prefix = ''): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(size.toString(8).padStart(11, '0') + '\0', 124);
  h.write('00000000000\0', 136);
  h.write('        ', 148);
  h.write(flag, 156);
  h.write(linkname, 157, 100, 'utf8');
  h.write('ustar\u000000', 257);
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return h;
}

const pad = (b: Buffer) => Buffer.concat([b, Buffer.alloc((512 - (b.length % 512)) % 512)]);

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let len = body.length + 1;
  while (`${len}${body}`.length !== len) len = `${len}${body}`.length;
  return `${len}${body}`;
}

export function tar(entries: WEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const type = e.type ?? 'file';
    const flag = { file: '0', dir: '5', symlink: '2', hardlink: '1' }[type];
    const data = e.data === undefined ? Buffer.alloc(e.size ?? 0) : Buffer.from(e.data);
    const size = type === 'file' ? data.length : 0;
    let name = type === 'dir' && !e.path.endsWith('/') ? `${e.path}/` : e.path;
    let prefix = '';
    if (Buffer.byteLength(name) > 100) {
      const how = e.longName ?? 'pax';
      if (how === 'pax') {
        const rec = Buffer.from(paxRecord('path', name));
        parts.push(header('PaxHeader', rec.length, 'x'), pad(rec));
        name = name.slice(0, 99);
      } else if (how === 'gnu') {
        const rec = Buffer.from(name + '\0');
        parts.push(header('././@LongLink', rec.length, 'L'), pad(rec));
        name = name.slice(0, 99);
      } else {
        const cut = name.lastIndexOf('/', name.length - 2);
        prefix = name.slice(0, cut);
        name = name.slice(cut + 1);
      }
    }
    parts.push(header(name, size, flag, e.linkname ?? '', prefix));
    if (size) parts.push(pad(data));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

export const gz = (b: Buffer) => gzipSync(b);
