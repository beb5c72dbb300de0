// The case a workflow endpoint works on, as the caller may reach it: read through the document
// service (so the access layer answers 404 for a case out of reach), with the team as the policy
// reads it and whether the caller may change the case.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { canOnCase, isActiveMembership, officeToday, type Actor } from '@pett/access/dist/server/policy/policy';
import { isRoleKey } from '@pett/access/dist/server/policy/roles';
import { languageOf, type Lang } from '@pett/access/dist/server/services/language';
import { membershipsOf } from '@pett/access/dist/server/services/team-cases';
import type { CaseRow } from '@pett/workflow/dist/server/services/moves';
import { CASE_UID } from '../../../uids';

type User = { id: number; documentId: string; role?: { type?: string } };

export const NOT_FOUND = { es: 'No se encontró el caso o no tiene acceso a él.', en: 'The case was not found or you have no access to it.' };

export function actorOf(ctx: Context): Actor {
  const user = ctx.state.user as User | undefined;
  return { id: user?.id ?? 0, role: isRoleKey(user?.role?.type) ? (user!.role!.type as Actor['role']) : null };
}

export interface CaseInReach {
  row: CaseRow & { caseType: string | null };
  actor: Actor;
  userDocumentId: string;
  /** canOnCase(update): the chief prosecutor and the team's prosecutors. */
  mayEdit: boolean;
  /** An active member of the case's team (any team role). */
  isMember: boolean;
  lang: Lang;
  today: string;
}

export async function caseInReach(strapi: Core.Strapi, ctx: Context): Promise<CaseInReach> {
  const lang = languageOf(ctx.get('accept-language'));
  const today = officeToday();
  const row = (await strapi.documents(CASE_UID as never).findOne({ documentId: String(ctx.params.id ?? ''), fields: ['id', 'stage', 'caseType', 'workflowKey', 'workflowVersion'] } as never)) as unknown as (CaseRow & { caseType: string | null }) | null;
  if (!row) throw new errors.NotFoundError(NOT_FOUND[lang]);
  const members = (await membershipsOf(strapi, [row.id])).get(row.id) ?? [];
  const actor = actorOf(ctx);
  const user = ctx.state.user as User;
  return {
    row,
    actor,
    userDocumentId: user.documentId,
    mayEdit: canOnCase(actor, 'update', { members }, today),
    isMember: members.some((m) => m.userId === actor.id && isActiveMembership(m, today)),
    lang,
    today,
  };
}

export const fieldError = (path: string, message: string) => new errors.ValidationError(message, { errors: [{ path: [path], message }] });
