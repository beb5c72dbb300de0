// What an evidence file may be, decided from its bytes and never from its name or declared type:
// an allow-list (PDF, JPEG, PNG, MP4, plain UTF-8 text), each checked at both ends so nothing can
// ride after the format's own end (a ZIP or HTML appended to a PDF, a script after a JPEG's EOI),
// and a scan of the whole content for markup a browser or viewer would run (HTML, SVG, script).
// Pure apart from the reader it is given, so it is tested on buffers.

export type FileKind = 'pdf' | 'jpeg' | 'png' | 'mp4' | 'text';

export const KINDS: Record<FileKind, { mime: string; extensions: readonly string[] }> = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'] },
  jpeg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  png: { mime: 'image/png', extensions: ['png'] },
  mp4: { mime: 'video/mp4', extensions: ['mp4', 'm4v'] },
  text: { mime: 'text/plain; charset=utf-8', extensions: ['txt', 'text', 'log', 'csv'] },
};

export type ContentProblem =
  | 'empty'
  | 'unsupported' // not one of the allowed formats (including ZIP-based office files, executables, ...)
  | 'svg' // SVG is refused whatever it holds: it can carry script
  | 'trailing-data' // bytes after the format's end (a polyglot: PDF+ZIP, JPEG+HTML, ...)
  | 'zip-inside' // a ZIP archive's directory inside another format (a polyglot)
  | 'active-content' // HTML, script or a PDF action that runs code
  | 'malformed'; // the format's own structure does not hold

export interface Reader { size: number; read(offset: number, length: number): Buffer }

export function bufferReader(buffer: Buffer): Reader {
  return { size: buffer.length, read: (offset, length) => buffer.subarray(offset, Math.min(buffer.length, offset + length)) };
}

const ascii = (b: Buffer) => b.toString('latin1');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_END = Buffer.from([0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
const ZIP_END_OF_DIRECTORY = Buffer.from('PK\u0005\u0006', 'latin1');
const ZIP_LOCAL_HEADER = Buffer.from('PK\u0003\u0004', 'latin1');
/** A ZIP reader looks for its end-of-directory record in the last 64 KiB + 22 bytes. */
const ZIP_TAIL = 65_557;

/** Markup that a browser or viewer would interpret, wherever it sits in the file (case-insensitive). */
const ACTIVE_MARKERS = ['<script', '<html', '<svg', '<iframe', '<object', '<embed', '<body', '<!doctype html', '<?php', 'javascript:'];
/** PDF actions that run code or programs. */
const PDF_ACTIVE_MARKERS = ['/javascript', '/launch'];

function kindOf(head: Buffer): FileKind | 'svg' | null {
  if (ascii(head.subarray(0, 5)) === '%PDF-') return 'pdf';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (head.length >= 12 && ascii(head.subarray(4, 8)) === 'ftyp') return 'mp4';
  const start = ascii(head).replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().slice(0, 256).toLowerCase();
  if (start.startsWith('<svg') || (start.startsWith('<?xml') && ascii(head).toLowerCase().includes('<svg'))) return 'svg';
  return 'text'; // decided by the text check below: anything binary fails it
}

/** The bytes after the format's end, or a structure problem. */
function endProblem(kind: FileKind, reader: Reader): ContentProblem | null {
  const tailLength = Math.min(reader.size, 1024);
  const tail = reader.read(reader.size - tailLength, tailLength);
  let end = tail.length;
  const trimmable = kind === 'pdf' ? new Set([0x00, 0x09, 0x0a, 0x0d, 0x20]) : kind === 'jpeg' ? new Set([0x00]) : new Set<number>();
  while (end > 0 && trimmable.has(tail[end - 1])) end -= 1;
  const body = tail.subarray(0, end);
  switch (kind) {
    case 'pdf':
      return ascii(body).endsWith('%%EOF') ? null : 'trailing-data';
    case 'jpeg':
      return body.length >= 2 && body[body.length - 2] === 0xff && body[body.length - 1] === 0xd9 ? null : 'trailing-data';
    case 'png':
      return body.length >= 12 && body.subarray(body.length - 12).equals(PNG_END) ? null : 'trailing-data';
    case 'mp4':
      return mp4BoxesProblem(reader);
    case 'text':
      return null;
  }
}

/** An MP4 is a run of top-level boxes that covers the file exactly, the first being `ftyp`. */
function mp4BoxesProblem(reader: Reader): ContentProblem | null {
  let offset = 0;
  let boxes = 0;
  while (offset < reader.size) {
    const header = reader.read(offset, 16);
    if (header.length < 8) return 'trailing-data';
    let size = header.readUInt32BE(0);
    const type = ascii(header.subarray(4, 8));
    if (!/^[\x20-\x7e]{4}$/.test(type)) return boxes ? 'trailing-data' : 'malformed';
    if (boxes === 0 && type !== 'ftyp') return 'malformed';
    if (size === 1) {
      if (header.length < 16) return 'malformed';
      const large = header.readBigUInt64BE(8);
      if (large > BigInt(Number.MAX_SAFE_INTEGER)) return 'malformed';
      size = Number(large);
      if (size < 16) return 'malformed';
    } else if (size === 0) {
      size = reader.size - offset; // the last box runs to the end of the file
    } else if (size < 8) return 'malformed';
    if (offset + size > reader.size) return 'malformed';
    offset += size;
    boxes += 1;
  }
  return null;
}

const CHUNK = 1 << 20;
const OVERLAP = 32;

/** Reads the whole content once: markup markers, and for text, UTF-8 with no control characters. */
function scanProblem(kind: FileKind, reader: Reader): ContentProblem | null {
  const markers = kind === 'pdf' ? [...ACTIVE_MARKERS, ...PDF_ACTIVE_MARKERS] : ACTIVE_MARKERS;
  const decoder = kind === 'text' ? new TextDecoder('utf-8', { fatal: true }) : null;
  let carry = '';
  for (let offset = 0; offset < reader.size; offset += CHUNK) {
    const chunk = reader.read(offset, CHUNK);
    if (decoder) {
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: offset + CHUNK < reader.size });
      } catch {
        return 'unsupported';
      }
      // Tab, line feed, form feed and carriage return are text; any other control character is not.
      if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/.test(text)) return 'unsupported';
    }
    const window = carry + ascii(chunk).toLowerCase();
    if (markers.some((marker) => window.includes(marker))) return 'active-content';
    carry = window.slice(-OVERLAP);
  }
  return null;
}

/** The file's format, or why it is refused. Refuses empty files. */
export function inspectContent(reader: Reader): { kind: FileKind } | { problem: ContentProblem } {
  if (reader.size === 0) return { problem: 'empty' };
  const head = reader.read(0, 4096);
  const kind = kindOf(head);
  if (kind === 'svg') return { problem: 'svg' };
  if (!kind) return { problem: 'unsupported' };
  if (head.subarray(0, 4).equals(ZIP_LOCAL_HEADER)) return { problem: 'unsupported' };
  const zipTail = reader.read(Math.max(0, reader.size - ZIP_TAIL), ZIP_TAIL);
  if (zipTail.includes(ZIP_END_OF_DIRECTORY)) return { problem: kind === 'text' ? 'unsupported' : 'zip-inside' };
  const scanned = scanProblem(kind, reader);
  if (scanned) return { problem: scanned };
  const ending = endProblem(kind, reader);
  if (ending) return { problem: ending };
  return { kind };
}

export type NameProblem = 'empty' | 'too-long' | 'path' | 'control' | 'characters' | 'extension';

/** Path separators, parent references and characters that no operating system takes in a name. */
const FORMAT_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

/**
 * The name to show for an upload: the client's name, NFC, trimmed, checked. The file is never
 * stored under it. A name whose extension says another format than the content is refused.
 */
export function displayName(raw: unknown, kind: FileKind | null): { name: string } | { problem: NameProblem } {
  if (typeof raw !== 'string' || !raw.trim()) return { problem: 'empty' };
  const name = raw.normalize('NFC').trim();
  if (name.length > 200) return { problem: 'too-long' };
  if (FORMAT_CHARACTERS.test(name)) return { problem: 'control' };
  if (/[\\/]/.test(name) || name.split(/[\\/]/).includes('..') || name.includes('..')) return { problem: 'path' };
  if (/[<>:"|?*]/.test(name)) return { problem: 'characters' };
  if (!kind) return { name };
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (!extension) return { name: `${name}.${KINDS[kind].extensions[0]}` };
  if (!KINDS[kind].extensions.includes(extension)) return { problem: 'extension' };
  return { name };
}
