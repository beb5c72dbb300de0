import { describe, expect, it } from 'vitest';
import { languageOf } from './language';

describe('languageOf', () => {
  it('defaults to Spanish when nothing is asked', () => {
    expect(languageOf(undefined)).toBe('es');
    expect(languageOf('')).toBe('es');
  });
  it('answers in English when English is preferred', () => {
    expect(languageOf('en-US,en;q=0.9,es;q=0.5')).toBe('en');
  });
  it('honours quality weights over order', () => {
    expect(languageOf('en;q=0.3, es-DO;q=0.9')).toBe('es');
  });
  it('falls back to Spanish for languages it does not speak', () => {
    expect(languageOf('fr-FR, de')).toBe('es');
  });
});
