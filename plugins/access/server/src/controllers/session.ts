// What the portal may ask about the signed-in user: who they are and what they may do.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { currentCaller } from '../services/actor';
import { CASE_CREATORS, ROLE_NAMES } from '../policy/roles';
import { languageOf } from '../services/language';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async me(ctx: { state: { user?: { username?: string } }; get: (h: string) => string; body: unknown }) {
    const caller = currentCaller(strapi);
    if (caller.kind !== 'portal' || !caller.actor.role) throw new errors.UnauthorizedError('Unauthorized');
    const role = caller.actor.role;
    const lang = languageOf(ctx.get('accept-language'));
    ctx.body = {
      data: {
        id: caller.actor.id,
        username: ctx.state.user?.username,
        role,
        roleName: ROLE_NAMES[role][lang],
        can: {
          createCase: CASE_CREATORS.has(role),
          seeAllCases: role === 'chief-prosecutor',
        },
      },
    };
  },
});
