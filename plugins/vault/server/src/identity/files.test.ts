import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, validateUpload } from './files';

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(20)]);

describe('validateUpload', () => {
  it('accepts a PNG photo', () => {
    const result = validateUpload({ kind: 'photo', fileName: 'foto.png', mimeType: 'image/png', contentBase64: png.toString('base64') }, 'es');
    expect(result).toHaveProperty('upload.content', png);
  });

  it('checks the content, not the declared type or name', () => {
    const result = validateUpload({ kind: 'photo', fileName: 'foto.jpg', mimeType: 'image/jpeg', contentBase64: png.toString('base64') }, 'en');
    expect(result).toEqual({ problems: [{ path: ['contentBase64'], message: 'The file content does not match its format.' }] });
  });

  it('names each missing or wrong part, and refuses files over the limit', () => {
    const result = validateUpload({ kind: 'selfie', mimeType: 'text/html' }, 'es');
    expect('problems' in result && result.problems.map((p) => p.path[0])).toEqual(['kind', 'fileName', 'mimeType', 'contentBase64']);
    const big = Buffer.concat([png, Buffer.alloc(MAX_FILE_BYTES)]);
    expect(validateUpload({ kind: 'photo', fileName: 'x.png', mimeType: 'image/png', contentBase64: big.toString('base64') }, 'en')).toHaveProperty('problems.0.message', expect.stringMatching(/larger than 5 MB/));
  });
});
