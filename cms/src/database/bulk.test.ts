import { describe, expect, it } from 'vitest';
import { newDocumentId } from './bulk';

describe('bulk-loaded document ids', () => {
  it('look like Strapi document ids and never start with a digit', () => {
    for (let i = 0; i < 2000; i += 1) expect(newDocumentId()).toMatch(/^[a-z][a-z0-9]{23}$/);
  });
});
