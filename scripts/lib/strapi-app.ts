// Loads the compiled Strapi application inside this process (for seeds and setup), then closes it.
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Core } from '@strapi/strapi';
import { CMS_DIR } from './paths.ts';
import { ensureEnvFile } from './env.ts';

// Strapi is CommonJS; loading it through require keeps its deep imports (lodash/fp) working.
export const requireCjs = createRequire(import.meta.url);
const { createStrapi } = requireCjs('@strapi/strapi') as typeof import('@strapi/strapi');

export async function withStrapi<T>(env: Record<string, string>, fn: (strapi: Core.Strapi) => Promise<T>): Promise<T> {
  Object.assign(process.env, ensureEnvFile(), { STRAPI_TELEMETRY_DISABLED: 'true', SERVE_ADMIN_PANEL: 'false', PETT_DEMO: 'false', NODE_ENV: 'production' }, env);
  const cwd = process.cwd();
  process.chdir(CMS_DIR);
  const app = await createStrapi({ appDir: CMS_DIR, distDir: path.join(CMS_DIR, 'dist') }).load();
  try {
    return await fn(app);
  } finally {
    await app.destroy();
    process.chdir(cwd);
  }
}
