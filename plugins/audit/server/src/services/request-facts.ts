// Who is acting and from where, read from the current request (strapi.requestContext): the
// signed-in portal user, an admin-panel user, trusted server code, or nobody. Also the account
// facts of a user named by an event (sign-in happens before there is a signed-in user).
import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { AuditEvent } from '../chain/entry';
import { USER_UID } from '../uids';

type Actor = AuditEvent['actor'];
type Client = AuditEvent['client'];

interface RequestState {
  user?: { id: number; role?: { type?: string } | null; roles?: Array<{ code?: string }>; agency?: { code?: string } | null };
  auth?: { strategy?: { name?: string } };
  pettSystem?: boolean;
  pettRequestId?: string;
}

interface RequestLike {
  state?: RequestState;
  request?: { ip?: string };
  get?(header: string): string;
}

const SYSTEM: Actor = { kind: 'system', userId: null, role: null, agency: null };
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

export function currentRequest(strapi: Core.Strapi): RequestLike | undefined {
  return strapi.requestContext.get() as RequestLike | undefined;
}

/** The signed-in caller of the current request, or the system outside any request. */
export function currentActor(strapi: Core.Strapi): Actor {
  const ctx = currentRequest(strapi);
  if (!ctx) return SYSTEM;
  const state = ctx.state ?? {};
  const user = state.user;
  if (state.auth?.strategy?.name === 'admin' && user) {
    return { kind: 'admin', userId: user.id, role: (user.roles ?? []).map((r) => r.code).filter(Boolean).sort().join(',') || null, agency: null };
  }
  if (user) return { kind: 'portal', userId: user.id, role: user.role?.type ?? null, agency: user.agency?.code ?? null };
  return state.pettSystem ? SYSTEM : { kind: 'anonymous', userId: null, role: null, agency: null };
}

/**
 * The client address and a request id shared by every entry of one request: the caller's
 * X-Request-Id when it is a plain token (so the proxy's logs line up), else a new one.
 */
export function currentClient(strapi: Core.Strapi): Client {
  const ctx = currentRequest(strapi);
  if (!ctx) return { address: null, requestId: null };
  const state = (ctx.state ??= {});
  if (!state.pettRequestId) {
    const offered = ctx.get?.('x-request-id') ?? '';
    state.pettRequestId = REQUEST_ID.test(offered) ? offered : randomUUID();
  }
  return { address: ctx.request?.ip?.slice(0, 64) ?? null, requestId: state.pettRequestId };
}

/** A portal account as an actor or a target: id, role and document id, looked up once. */
export async function accountOf(strapi: Core.Strapi, userId: number): Promise<{ actor: Actor; documentId: string | null }> {
  const row = (await strapi.db.query(USER_UID as never).findOne({ where: { id: userId }, select: ['id', 'documentId'], populate: { role: { select: ['type'] } } })) as { id: number; documentId: string; role?: { type?: string } | null } | null;
  return { actor: { kind: 'portal', userId, role: row?.role?.type ?? null, agency: null }, documentId: row?.documentId ?? null };
}
