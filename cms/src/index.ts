// Wires the application: schema extras, catalogues, and the demo installation when asked for.
import type { Core } from '@strapi/strapi';
import { ensureSchemaExtras } from './database/schema-extras';
import { seedCatalogues } from './seed/catalogues';
import { ensureConfiguratorRole } from './seed/admin-roles';
import { seedDemo } from './seed/demo';
import { followCaseDates } from './api/charge/derivation/follow-case-dates';
import { markBootstrapped, markStopping } from './middlewares/probes';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    followCaseDates(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureSchemaExtras(strapi);
    await seedCatalogues(strapi);
    await ensureConfiguratorRole(strapi);
    if (process.env.PETT_DEMO === 'true') {
      await seedDemo(strapi, Number(process.env.PETT_DEMO_CASES ?? 300));
    }
    markBootstrapped();
  },

  // Readiness answers 503 from the moment shutdown begins (GET /_ready).
  destroy() {
    markStopping();
  },
};
