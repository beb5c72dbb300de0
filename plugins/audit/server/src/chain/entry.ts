// One audit entry and its place in the chain: the fields it holds, the canonical payload its hash
// covers, and the column names of the table that stores it. No Strapi import.
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);
export const ENTRY_FORMAT = 1;

export type ActorKind = 'portal' | 'admin' | 'system' | 'anonymous';

/** What a feed knows about an event; the trail adds sequence, time and the links. */
export interface AuditEvent {
  actor: { kind: ActorKind; userId: number | null; role: string | null; agency: string | null };
  action: string;
  target: { type: string | null; id: string | null };
  outcome: string;
  /** Names of the fields a write changed: never their values. */
  fields: string[];
  client: { address: string | null; requestId: string | null };
}

export interface ChainedEntry extends AuditEvent {
  seq: number;
  at: string;
  prevHash: string;
  hash: string;
}

/** The exact object the hash covers: every field but the hash itself. */
export function payloadOf(entry: Omit<ChainedEntry, 'hash'>): Record<string, unknown> {
  return {
    v: ENTRY_FORMAT,
    seq: entry.seq,
    at: entry.at,
    actor: { kind: entry.actor.kind, userId: entry.actor.userId, role: entry.actor.role, agency: entry.actor.agency },
    action: entry.action,
    target: { type: entry.target.type, id: entry.target.id },
    outcome: entry.outcome,
    fields: [...entry.fields],
    client: { address: entry.client.address, requestId: entry.client.requestId },
    prevHash: entry.prevHash,
  };
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const text = (value: string | null) => (value === null ? 'null' : JSON.stringify(value));
const integer = (value: number | null) => (value === null ? 'null' : canonicalJson(value));

/**
 * canonicalJson(payloadOf(entry)) written out directly, keys already in sorted order: the same
 * bytes (a unit test compares them), several times faster, which verifying millions needs.
 * Anything that is not of the expected shape goes through the general encoder.
 */
export function entryCanonicalJson(entry: Omit<ChainedEntry, 'hash'>): string {
  const { actor, target, client } = entry;
  const plain = Number.isInteger(entry.seq) && (actor.userId === null || Number.isInteger(actor.userId)) && entry.fields.every((f) => typeof f === 'string');
  if (!plain) return canonicalJson(payloadOf(entry));
  return `{"action":${text(entry.action)},"actor":{"agency":${text(actor.agency)},"kind":${text(actor.kind)},"role":${text(actor.role)},"userId":${integer(actor.userId)}},"at":${text(entry.at)},"client":{"address":${text(client.address)},"requestId":${text(client.requestId)}},"fields":[${entry.fields.map((f) => JSON.stringify(f)).join(',')}],"outcome":${text(entry.outcome)},"prevHash":${text(entry.prevHash)},"seq":${integer(entry.seq)},"target":{"id":${text(target.id)},"type":${text(target.type)}},"v":${ENTRY_FORMAT}}`;
}

export function entryHash(entry: Omit<ChainedEntry, 'hash'>): string {
  return sha256Hex(entryCanonicalJson(entry));
}

/** The next link of the chain: the event, numbered and timed, hashed over its predecessor. */
export function chain(event: AuditEvent, previous: { seq: number; hash: string } | null, at: Date): ChainedEntry {
  const unhashed = { ...event, fields: [...new Set(event.fields)].sort(), seq: (previous?.seq ?? 0) + 1, at: at.toISOString(), prevHash: previous?.hash ?? GENESIS_HASH };
  return { ...unhashed, hash: entryHash(unhashed) };
}

/** Table columns, shared by the plugin (which writes) and the verify command (which reads). */
export const ENTRY_TABLE = 'audit_entries';
export const CHECKPOINT_TABLE = 'audit_checkpoints';

export interface EntryRow {
  seq: number | string;
  at: string;
  actor_kind: string;
  actor_user_id: number | string | null;
  actor_role: string | null;
  actor_agency: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: string;
  fields: string;
  client_address: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export const ENTRY_COLUMNS = ['seq', 'at', 'actor_kind', 'actor_user_id', 'actor_role', 'actor_agency', 'action', 'target_type', 'target_id', 'outcome', 'fields', 'client_address', 'request_id', 'prev_hash', 'hash'] as const;

export function toRow(entry: ChainedEntry): EntryRow {
  return {
    seq: entry.seq,
    at: entry.at,
    actor_kind: entry.actor.kind,
    actor_user_id: entry.actor.userId,
    actor_role: entry.actor.role,
    actor_agency: entry.actor.agency,
    action: entry.action,
    target_type: entry.target.type,
    target_id: entry.target.id,
    outcome: entry.outcome,
    fields: canonicalJson(entry.fields),
    client_address: entry.client.address,
    request_id: entry.client.requestId,
    prev_hash: entry.prevHash,
    hash: entry.hash,
  };
}

/** A row read positionally (`id` first, then ENTRY_COLUMNS in order): no per-row object to build. */
export type PositionalRow = readonly unknown[];

const nullableText = (value: unknown) => (value == null ? null : String(value));

/** The entry of a positional row; the same as fromRow over the named columns. */
export function fromPositionalRow(row: PositionalRow): ChainedEntry {
  const [, seq, at, actorKind, userId, role, agency, action, targetType, targetId, outcome, fields, address, requestId, prevHash, hash] = row;
  return {
    seq: Number(seq),
    at: String(at),
    actor: { kind: actorKind as ActorKind, userId: userId == null ? null : Number(userId), role: nullableText(role), agency: nullableText(agency) },
    action: action as string,
    target: { type: nullableText(targetType), id: nullableText(targetId) },
    outcome: outcome as string,
    fields: fieldsOf(fields as string),
    client: { address: nullableText(address), requestId: nullableText(requestId) },
    prevHash: prevHash as string,
    hash: hash as string,
  };
}

/** The stored list of changed field names; an unreadable one stays visible, and its hash check names it. */
function fieldsOf(stored: string): string[] {
  try {
    const parsed = (stored === '[]' ? [] : JSON.parse(stored)) as unknown;
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [`<unreadable: ${stored}>`];
  }
}

export function fromRow(row: EntryRow): ChainedEntry {
  const fields = fieldsOf(row.fields);
  return {
    seq: Number(row.seq),
    at: String(row.at),
    actor: { kind: row.actor_kind as ActorKind, userId: row.actor_user_id == null ? null : Number(row.actor_user_id), role: row.actor_role, agency: row.actor_agency },
    action: row.action,
    target: { type: row.target_type, id: row.target_id },
    outcome: row.outcome,
    fields,
    client: { address: row.client_address, requestId: row.request_id },
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
