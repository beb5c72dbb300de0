// The chain of custody of one evidence item: each hand-off is hashed (SHA-256 over canonical JSON)
// together with the hash of the one before, so an edited, removed, inserted or reordered hand-off
// breaks the chain. Pure: no Strapi import, callers pass rows.
import { createHash } from 'node:crypto';
import { canonicalJson } from '@pett/audit/dist/server/chain/canonical-json';

export const GENESIS_HASH = '0'.repeat(64);
export const CUSTODY_FORMAT = 1;

export interface Holder { user: string | null; agency: string | null }

/** What a hand-off says; the chain adds the item, its place, and the links. */
export interface CustodyFacts {
  at: string; // ISO 8601 UTC with milliseconds
  from: Holder;
  to: Holder;
  purpose: string;
  condition: string;
  sealNumber: string | null;
  storageLocation: string | null;
  note: string | null;
  recordedBy: string | null;
}

export interface CustodyEvent extends CustodyFacts {
  itemDocumentId: string;
  sequence: number;
  prevHash: string;
  hash: string;
}

/** The exact object the hash covers: every field but the hash itself. */
export function payloadOf(event: Omit<CustodyEvent, 'hash'>): Record<string, unknown> {
  return {
    v: CUSTODY_FORMAT,
    item: event.itemDocumentId,
    sequence: event.sequence,
    at: event.at,
    from: { user: event.from.user, agency: event.from.agency },
    to: { user: event.to.user, agency: event.to.agency },
    purpose: event.purpose,
    condition: event.condition,
    sealNumber: event.sealNumber,
    storageLocation: event.storageLocation,
    note: event.note,
    recordedBy: event.recordedBy,
    prevHash: event.prevHash,
  };
}

export function custodyHash(event: Omit<CustodyEvent, 'hash'>): string {
  return createHash('sha256').update(canonicalJson(payloadOf(event)), 'utf8').digest('hex');
}

/** The next link: the hand-off, numbered after `previous` (null for the seizure), hashed over it. */
export function chainCustody(itemDocumentId: string, facts: CustodyFacts, previous: { sequence: number; hash: string } | null): CustodyEvent {
  const unhashed = { ...facts, itemDocumentId, sequence: (previous?.sequence ?? 0) + 1, prevHash: previous?.hash ?? GENESIS_HASH };
  return { ...unhashed, hash: custodyHash(unhashed) };
}

export type CustodyProblemKind = 'edited' | 'removed' | 'reordered' | 'duplicated' | 'foreign' | 'missing' | 'truncated';

export interface CustodyProblem {
  kind: CustodyProblemKind;
  /** The hand-off the problem concerns (the first missing one for a removal). */
  sequence: number | null;
  message: { es: string; en: string };
}

/** What the item row says the chain ends with; a removed last hand-off shows only against it. */
export interface ChainHead { length: number; hash: string | null }

/**
 * Walks an item's events in sequence order and names every break (at most one per event). The
 * head, when given, is the length and last hash recorded on the item at each append.
 */
export function verifyCustody(itemDocumentId: string, events: readonly CustodyEvent[], head?: ChainHead): CustodyProblem[] {
  const problems: CustodyProblem[] = [];
  const sorted = [...events].sort((a, b) => a.sequence - b.sequence);
  const sequenceOfHash = new Map(sorted.map((e) => [e.hash, e.sequence]));
  if (!sorted.length) {
    problems.push({ kind: 'missing', sequence: 1, message: { es: 'la cadena de custodia no tiene ningún registro (falta el de la incautación)', en: 'the chain of custody has no record at all (the seizure is missing)' } });
  }
  let previous: { sequence: number; hash: string } | null = null;
  for (const event of sorted) {
    const n = event.sequence;
    const expected = (previous?.sequence ?? 0) + 1;
    if (previous && n === previous.sequence) {
      problems.push({ kind: 'duplicated', sequence: n, message: { es: `hay dos registros con el número ${n}`, en: `two records carry number ${n}` } });
      continue;
    }
    if (event.itemDocumentId !== itemDocumentId) {
      problems.push({ kind: 'foreign', sequence: n, message: { es: `el registro ${n} pertenece a otro indicio`, en: `record ${n} belongs to another item` } });
    } else if (custodyHash(event) !== event.hash) {
      const movedFrom = sorted.find((other) => other !== event && custodyHash({ ...event, sequence: other.sequence, prevHash: event.prevHash }) === event.hash);
      if (movedFrom) problems.push({ kind: 'reordered', sequence: n, message: { es: `el registro ${n} es el que se asentó como número ${movedFrom.sequence}: se alteró el orden`, en: `record ${n} is the one recorded as number ${movedFrom.sequence}: the order was changed` } });
      else problems.push({ kind: 'edited', sequence: n, message: { es: `el registro ${n} fue modificado: su contenido no corresponde a su hash`, en: `record ${n} was edited: its content does not match its hash` } });
    } else if (n > expected) {
      const which = n - expected === 1 ? { es: `falta el registro ${expected}`, en: `record ${expected} is missing` } : { es: `faltan los registros ${expected} a ${n - 1}`, en: `records ${expected} to ${n - 1} are missing` };
      problems.push({ kind: 'removed', sequence: expected, message: { es: `${which.es}: fue eliminado`, en: `${which.en}: it was removed` } });
    } else if (event.prevHash !== (previous?.hash ?? GENESIS_HASH)) {
      const named = sequenceOfHash.get(event.prevHash);
      if (named !== undefined) problems.push({ kind: 'reordered', sequence: n, message: { es: `el registro ${n} sigue al registro ${named}, no al ${n - 1}: se alteró el orden`, en: `record ${n} follows record ${named}, not record ${n - 1}: the order was changed` } });
      else problems.push({ kind: previous ? 'edited' : 'removed', sequence: Math.max(1, n - 1), message: previous ? { es: `el registro ${n - 1} fue reescrito: el registro ${n} aún nombra el original`, en: `record ${n - 1} was rewritten: record ${n} still names the original` } : { es: `el registro ${n} no enlaza con el inicio de la cadena: faltan registros anteriores`, en: `record ${n} does not link to the start of the chain: earlier records are missing` } });
    }
    previous = { sequence: n, hash: event.hash };
  }
  if (head && !problems.length) {
    const last = sorted.at(-1);
    if (head.length > sorted.length) {
      problems.push({ kind: 'truncated', sequence: sorted.length + 1, message: { es: `el indicio registra ${head.length} entregas pero la cadena termina en ${sorted.length}: se eliminó el final`, en: `the item records ${head.length} hand-offs but the chain ends at ${sorted.length}: its end was removed` } });
    } else if (head.length < sorted.length || (last && head.hash !== last.hash)) {
      problems.push({ kind: 'edited', sequence: last?.sequence ?? null, message: { es: 'la cadena no termina en el registro que el indicio anotó: fue reescrita o se le añadieron registros fuera del sistema', en: 'the chain does not end with the record the item noted: it was rewritten or records were added outside the system' } });
    }
  }
  return problems;
}
