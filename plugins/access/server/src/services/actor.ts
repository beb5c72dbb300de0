// Who is asking: the signed-in portal user of the current request, an admin-panel user, or the system.
import type { Core } from '@strapi/strapi';
import { isRoleKey } from '../policy/roles';
import type { Actor } from '../policy/policy';

export type Caller =
  | { kind: 'system' } // code running outside any HTTP request (bootstrap, seeds, jobs)
  | { kind: 'portal'; actor: Actor }
  | { kind: 'admin' } // an admin-panel (configurator) request
  | { kind: 'anonymous' };

interface RequestState {
  user?: { id: number; role?: { type?: string } | null };
  auth?: { strategy?: { name?: string } };
}

export function currentCaller(strapi: Core.Strapi): Caller {
  const ctx = strapi.requestContext.get() as { state?: RequestState } | undefined;
  if (!ctx) return { kind: 'system' };
  const state = ctx.state ?? {};
  const strategy = state.auth?.strategy?.name;
  if (strategy === 'admin') return { kind: 'admin' };
  if (!state.user) {
    // Trusted server code may run inside a request on purpose (sign-in, our own services) by
    // marking the context; everything else that came over HTTP without a user sees nothing.
    return (ctx.state as { pettSystem?: boolean } | undefined)?.pettSystem ? { kind: 'system' } : { kind: 'anonymous' };
  }
  const type = state.user.role?.type;
  return { kind: 'portal', actor: { id: state.user.id, role: isRoleKey(type) ? type : null } };
}
