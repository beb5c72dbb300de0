// At startup: an installation without data sets gets the default ones (the configurator edits them).
import type { Core } from '@strapi/strapi';
import { DEFAULT_DATA_SETS } from './domain/default-data-sets';
import { DATA_SET_UID } from './uids';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  const query = strapi.db.query(DATA_SET_UID as never);
  if ((await query.count({})) > 0) return;
  for (const set of DEFAULT_DATA_SETS) await query.create({ data: { ...set, active: true } });
};
