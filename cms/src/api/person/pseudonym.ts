// Pseudonymous person codes such as V-7KQ2M: random, not sequential, no ambiguous characters
// (no 0/O, 1/I/L, U), with a prefix for the role family (V victim, T witness, I accused, J legal).
import { randomInt } from 'node:crypto';

export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const FAMILIES = ['V', 'T', 'I', 'J', 'P'] as const;
export type Family = (typeof FAMILIES)[number];
const BODY_LENGTH = 5;

export function newPersonCode(family: Family, random: (max: number) => number = randomInt): string {
  let body = '';
  for (let i = 0; i < BODY_LENGTH; i += 1) body += CODE_ALPHABET[random(CODE_ALPHABET.length)];
  return `${family}-${body}`;
}

export function isPersonCode(value: string): boolean {
  return new RegExp(`^[${FAMILIES.join('')}]-[${CODE_ALPHABET}]{${BODY_LENGTH}}$`).test(value);
}
