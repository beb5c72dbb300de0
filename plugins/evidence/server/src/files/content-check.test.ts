import { describe, expect, it } from 'vitest';
import { bufferReader, displayName, inspectContent } from './content-check';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\u0000', 'latin1'), Buffer.alloc(40, 0x11), Buffer.from([0xff, 0xd9])]);
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(25, 1), Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82])]);
const box = (type: string, body: Buffer) => { const h = Buffer.alloc(8); h.writeUInt32BE(8 + body.length, 0); h.write(type, 4, 'latin1'); return Buffer.concat([h, body]); };
const mp4 = Buffer.concat([box('ftyp', Buffer.from('isom\u0000\u0000\u0002\u0000isomiso2', 'latin1')), box('mdat', Buffer.alloc(64, 7)), box('moov', Buffer.alloc(16, 3))]);
const inspect = (b: Buffer) => inspectContent(bufferReader(b));

describe('evidence file content check', () => {
  it('recognises the allowed formats from their bytes', () => {
    expect(inspect(pdf)).toEqual({ kind: 'pdf' });
    expect(inspect(jpeg)).toEqual({ kind: 'jpeg' });
    expect(inspect(png)).toEqual({ kind: 'png' });
    expect(inspect(mp4)).toEqual({ kind: 'mp4' });
    expect(inspect(Buffer.from('Acta de entrega.\r\nSello Nº 123 — íntegro.\n', 'utf8'))).toEqual({ kind: 'text' });
  });

  it('refuses other formats, binary data and empty files', () => {
    expect(inspect(Buffer.from('MZ\u0090\u0000\u0003', 'latin1'))).toEqual({ problem: 'unsupported' });
    expect(inspect(Buffer.from('PK\u0003\u0004 docx', 'latin1'))).toEqual({ problem: 'unsupported' });
    expect(inspect(Buffer.from([0xc3, 0x28, 0x41]))).toEqual({ problem: 'unsupported' });
    expect(inspect(Buffer.alloc(0))).toEqual({ problem: 'empty' });
  });

  it('refuses SVG entirely, and HTML or script anywhere', () => {
    expect(inspect(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toEqual({ problem: 'svg' });
    expect(inspect(Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'))).toEqual({ problem: 'svg' });
    expect(inspect(Buffer.from('nota\n<html><body>x</body></html>'))).toEqual({ problem: 'active-content' });
    expect(inspect(Buffer.from(pdf.toString('latin1').replace('/Catalog', '/Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>'), 'latin1'))).toEqual({ problem: 'active-content' });
  });

  it('refuses polyglots: a ZIP after a PDF, a script after a JPEG, anything after a PNG or the last MP4 box', () => {
    const zipTail = Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.alloc(30), Buffer.from('PK\u0005\u0006', 'latin1'), Buffer.alloc(18)]);
    expect(inspect(Buffer.concat([pdf, zipTail]))).toEqual({ problem: 'zip-inside' });
    expect(inspect(Buffer.concat([jpeg, Buffer.from('<script>alert(1)</script>')]))).toEqual({ problem: 'active-content' });
    expect(inspect(Buffer.concat([jpeg, Buffer.from('trailing payload')]))).toEqual({ problem: 'trailing-data' });
    expect(inspect(Buffer.concat([png, Buffer.from('x')]))).toEqual({ problem: 'trailing-data' });
    expect(inspect(Buffer.concat([pdf, Buffer.from('more')]))).toEqual({ problem: 'trailing-data' });
    expect(inspect(Buffer.concat([mp4, Buffer.from([1, 2, 3])]))).toEqual({ problem: 'trailing-data' });
  });

  it('keeps a clean display name and refuses traversal, control characters and a lying extension', () => {
    expect(displayName('Acta de incautación.pdf', 'pdf')).toEqual({ name: 'Acta de incautación.pdf' });
    expect(displayName('foto', 'jpeg')).toEqual({ name: 'foto.jpg' });
    expect(displayName('../../etc/passwd', 'text')).toEqual({ problem: 'path' });
    expect(displayName('..\\boot.ini', 'text')).toEqual({ problem: 'path' });
    expect(displayName('acta\u0000.pdf', 'pdf')).toEqual({ problem: 'control' });
    expect(displayName('foto\u202egpj.exe', 'jpeg')).toEqual({ problem: 'control' });
    expect(displayName('foto.pdf', 'jpeg')).toEqual({ problem: 'extension' });
    expect(displayName('', 'pdf')).toEqual({ problem: 'empty' });
  });
});
