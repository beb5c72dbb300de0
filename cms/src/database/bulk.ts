// Bulk loading for seeds: writes rows and relation links straight into the tables that Strapi's
// own metadata describes, in batches. Used for demo and scale data only, never for user requests.
import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';

type Knex = Core.Strapi['db']['connection'];
type Row = Record<string, unknown>;

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
  orderColumnName?: string;
  inverseOrderColumnName?: string;
}
interface AttributeMeta {
  type: string;
  columnName?: string;
  joinTable?: JoinTable;
}
interface ModelMeta {
  tableName: string;
  attributes: Record<string, AttributeMeta>;
}

const BATCH = 400;
const DOC_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A document id in the same shape as Strapi's own cuid2 ids: 24 lowercase alphanumerics starting
 * with a letter. Strapi reads a relation value that starts with a digit as a numeric id, so a
 * leading digit would make the document impossible to link to.
 */
export function newDocumentId(): string {
  const bytes = randomBytes(24);
  let id = DOC_ID_ALPHABET[bytes[0] % 26];
  for (const byte of bytes.subarray(1)) id += DOC_ID_ALPHABET[byte % DOC_ID_ALPHABET.length];
  return id;
}

function meta(strapi: Core.Strapi, uid: string): ModelMeta {
  return strapi.db.metadata.get(uid as never) as unknown as ModelMeta;
}

/** Inserts documents (scalar attributes only) and returns their numeric ids in input order. */
export async function insertDocuments(strapi: Core.Strapi, knex: Knex, uid: string, docs: Row[]): Promise<number[]> {
  const model = meta(strapi, uid);
  const now = new Date();
  const ids: number[] = [];
  for (let start = 0; start < docs.length; start += BATCH) {
    const rows = docs.slice(start, start + BATCH).map((doc) => {
      const row: Row = { document_id: newDocumentId(), created_at: now, updated_at: now, published_at: now };
      for (const [key, value] of Object.entries(doc)) {
        const attr = model.attributes[key];
        if (!attr || attr.type === 'relation') throw new Error(`bulk insert: ${uid} has no scalar attribute ${key}`);
        row[attr.columnName ?? key] = attr.type === 'json' && value !== null ? JSON.stringify(value) : value;
      }
      return row;
    });
    const inserted = (await knex(model.tableName).insert(rows).returning('id')) as Array<{ id: number } | number>;
    for (const entry of inserted) ids.push(typeof entry === 'number' ? entry : entry.id);
  }
  return ids;
}

/** Links owners to targets through the owning side of a relation: pairs are [ownerId, targetId]. */
export async function insertLinks(strapi: Core.Strapi, knex: Knex, uid: string, relation: string, pairs: Array<[number, number]>): Promise<void> {
  const joinTable = meta(strapi, uid).attributes[relation]?.joinTable;
  if (!joinTable) throw new Error(`bulk insert: ${uid}.${relation} is not an owning relation`);
  const order = new Map<number, number>();
  for (let start = 0; start < pairs.length; start += BATCH) {
    const rows = pairs.slice(start, start + BATCH).map(([owner, target]) => {
      const row: Row = { [joinTable.joinColumn.name]: owner, [joinTable.inverseJoinColumn.name]: target };
      if (joinTable.orderColumnName) row[joinTable.orderColumnName] = 1;
      if (joinTable.inverseOrderColumnName) {
        const next = (order.get(target) ?? 0) + 1;
        order.set(target, next);
        row[joinTable.inverseOrderColumnName] = next;
      }
      return row;
    });
    await knex(joinTable.name).insert(rows);
  }
}
