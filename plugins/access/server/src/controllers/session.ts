// The signed-in user's own session data, and a configurator's view of anyone's sessions.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { currentCaller } from '../services/actor';
import { describeUser } from '../services/describe-user';
import { languageOf } from '../services/language';
import { recordEvent, type SessionService } from '../services/sessions';
import { setRefreshCookie } from './auth';

type State = { pettSession?: { sid: string; idleExpiresAt: string; absoluteExpiresAt: string } };

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const sessions = () => strapi.plugin('access').service('sessions') as SessionService;
  const portalActor = () => {
    const caller = currentCaller(strapi);
    if (caller.kind !== 'portal' || !caller.actor.role) throw new errors.UnauthorizedError('Unauthorized');
    return caller.actor;
  };
  const targetUser = async (ctx: Context) => {
    if (portalActor().role !== 'configurator') throw new errors.ForbiddenError('Forbidden');
    const id = Number(ctx.params.id);
    if (!Number.isInteger(id) || id < 1) throw new errors.NotFoundError('Not Found');
    return id;
  };

  return {
    async me(ctx: Context) {
      const actor = portalActor();
      const session = (ctx.state as State).pettSession;
      ctx.body = { data: { ...(await describeUser(strapi, actor.id, languageOf(ctx.get('accept-language')))), session: session ? { idleExpiresAt: session.idleExpiresAt, absoluteExpiresAt: session.absoluteExpiresAt } : null } };
    },

    async listSessions(ctx: Context) {
      const actor = portalActor();
      const current = (ctx.state as State).pettSession?.sid;
      ctx.body = { data: (await sessions().listAlive(actor.id)).map((s) => ({ ...s, current: s.id === current })) };
    },

    async endSession(ctx: Context) {
      const actor = portalActor();
      const sid = String(ctx.params.id ?? '');
      if ((await sessions().ownerOf(sid)) !== actor.id) throw new errors.NotFoundError('Not Found');
      await sessions().revoke(sid, 'ended-by-user');
      await recordEvent(strapi, 'sessions-revoked', { userId: actor.id, sid });
      if (sid === (ctx.state as State).pettSession?.sid) setRefreshCookie(ctx, null);
      ctx.status = 204;
    },

    async userSessions(ctx: Context) {
      ctx.body = { data: await sessions().listAlive(await targetUser(ctx)) };
    },

    async revokeUserSessions(ctx: Context) {
      const userId = await targetUser(ctx);
      await sessions().revokeAllForUser(userId, 'ended-by-configurator');
      await recordEvent(strapi, 'sessions-revoked', { userId });
      ctx.status = 204;
    },
  };
};
