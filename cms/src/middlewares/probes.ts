// Liveness and readiness for a load balancer or an orchestrator, before any other middleware:
// GET /_live answers 200 while the process serves HTTP; GET /_ready answers 200 once bootstrap is
// done and the database answers, 503 while starting, stopping or cut off from the database.
// No authentication and no personal data: only a status word.
import type { Context, Next } from 'koa';
import type { Core } from '@strapi/strapi';

const state = { bootstrapped: false, stopping: false };
export const markBootstrapped = () => void (state.bootstrapped = true);
export const markStopping = () => void (state.stopping = true);

export type Readiness = 'ready' | 'starting' | 'stopping' | 'database-unreachable';

/** The verdict, in order: stopping beats everything, then bootstrap, then the database. */
export function readiness(facts: { bootstrapped: boolean; stopping: boolean; databaseOk: boolean }): { status: Readiness; code: 200 | 503 } {
  if (facts.stopping) return { status: 'stopping', code: 503 };
  if (!facts.bootstrapped) return { status: 'starting', code: 503 };
  if (!facts.databaseOk) return { status: 'database-unreachable', code: 503 };
  return { status: 'ready', code: 200 };
}

const DATABASE_TIMEOUT_MS = 2000;

async function databaseAnswers(strapi: Core.Strapi): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      strapi.db.connection.raw('select 1').then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), DATABASE_TIMEOUT_MS))),
    ]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  return async (ctx: Context, next: Next) => {
    if (ctx.path !== '/_live' && ctx.path !== '/_ready') return next();
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      ctx.status = 405;
      ctx.set('Allow', 'GET, HEAD');
      return;
    }
    ctx.set('Cache-Control', 'no-store');
    if (ctx.path === '/_live') {
      ctx.status = 200;
      ctx.body = { status: 'live' };
      return;
    }
    const facts = { bootstrapped: state.bootstrapped, stopping: state.stopping, databaseOk: false };
    if (!facts.stopping && facts.bootstrapped) facts.databaseOk = await databaseAnswers(strapi);
    const verdict = readiness(facts);
    ctx.status = verdict.code;
    ctx.body = { status: verdict.status };
  };
};
