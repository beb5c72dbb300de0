// At startup: the private folders exist with mode 0700 and lie outside the public folder (or the
// server does not start), leftovers of interrupted uploads go, and the custody and file tables
// refuse UPDATE and DELETE through database triggers.
import type { Core } from '@strapi/strapi';
import { appendOnlyStatements, EXISTING_OBJECTS_SQL } from './chain/append-only';
import { ensureFolders, sweepIncoming, type StoreConfig } from './files/private-store';

async function ensureAppendOnly(strapi: Core.Strapi) {
  const client = strapi.db.dialect.client;
  const result = (await strapi.db.connection.raw(EXISTING_OBJECTS_SQL[client] ?? EXISTING_OBJECTS_SQL.sqlite)) as { rows?: Array<{ name: string }> } | Array<{ name: string }>;
  const existing = new Set((Array.isArray(result) ? result : (result.rows ?? [])).map((row) => row.name));
  const missing = appendOnlyStatements(client).filter(({ name }) => !existing.has(name));
  if (!missing.length) return;
  await strapi.db.connection.transaction(async (trx) => {
    for (const { sql } of missing) await trx.raw(sql);
  });
}

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  const config: StoreConfig = { privateDir: strapi.plugin('evidence').config('privateDir') as string, maxBytes: strapi.plugin('evidence').config('maxBytes') as number };
  ensureFolders(config, strapi.dirs.static.public);
  sweepIncoming(config);
  await ensureAppendOnly(strapi);
};
