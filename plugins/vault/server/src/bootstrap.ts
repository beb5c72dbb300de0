// At startup: the key ring must match the database (or the server does not start), and the blind
// indexes get their lookup index.
import type { Core } from '@strapi/strapi';
import type { VaultService } from './services/vault';
import { BLIND_INDEX_UID } from './uids';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await (strapi.plugin('vault').service('vault') as VaultService).verifyKeys();
  const table = strapi.db.metadata.get(BLIND_INDEX_UID as never).tableName;
  await strapi.db.connection.raw(`CREATE INDEX IF NOT EXISTS ${table}_digest_idx ON ${table} (digest, purpose)`);
  await strapi.db.connection.raw(`CREATE INDEX IF NOT EXISTS ${table}_person_idx ON ${table} (person_document_id)`);
};
