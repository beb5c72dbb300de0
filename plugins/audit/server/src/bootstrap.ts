// At startup: the signing key must be there (or the server does not start), the tables refuse
// UPDATE and DELETE through database triggers, the feeds listen, and a timer keeps checkpoints at
// least as frequent as configured.
import type { Core } from '@strapi/strapi';
import { appendOnlyPlan, EXISTING_OBJECTS_SQL } from './chain/append-only';
import { subscribeFeeds } from './services/feeds';
import type { AuditConfig, TrailService } from './services/trail';

/**
 * Drops the triggers of earlier versions that are still there, and creates the triggers and
 * indexes that are missing (never touching those that exist). Dropping needs the tables' owner: an
 * installation that handed them to pett_audit_owner upgrades once connected as that role.
 */
async function ensureAppendOnly(strapi: Core.Strapi) {
  const client = strapi.db.dialect.client;
  const result = (await strapi.db.connection.raw(EXISTING_OBJECTS_SQL[client] ?? EXISTING_OBJECTS_SQL.sqlite)) as { rows?: Array<{ name: string }> } | Array<{ name: string }>;
  const existing = new Set((Array.isArray(result) ? result : (result.rows ?? [])).map((row) => row.name));
  const plan = appendOnlyPlan(client, existing);
  if (!plan.length) return;
  try {
    await strapi.db.connection.transaction(async (trx) => {
      for (const { sql } of plan) await trx.raw(sql);
    });
  } catch (error) {
    throw new Error(`[audit] could not install the append-only triggers (${(error as Error).message}). When the audit tables belong to pett_audit_owner, start once connected as a member of that role (docs/audit.md)`);
  }
}

let timer: NodeJS.Timeout | null = null;

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  const trail = strapi.plugin('audit').service('trail') as TrailService;
  trail.loadKey();
  await ensureAppendOnly(strapi);
  subscribeFeeds(strapi);

  const minutes = Number(strapi.plugin('audit').config('checkpointMinutes') as AuditConfig['checkpointMinutes']);
  // Checked every minute (or sooner for short test intervals); the head lock makes one process write it.
  const everyMs = Math.max(1000, Math.min(60_000, (minutes * 60_000) / 4));
  timer = setInterval(() => void trail.queueCheckpoint(), everyMs);
  timer.unref();
};

export async function destroy({ strapi }: { strapi: Core.Strapi }) {
  if (timer) clearInterval(timer);
  timer = null;
  await (strapi.plugin('audit').service('trail') as TrailService).settle();
}
