// What other plugins record, fed into the trail as it is written: the access plugin's security
// events and emergency-access grants, and the vault's identity reveals. Those plugins write their
// own rows through strapi.db.query; the trail listens to the inserts (CONVENTIONS rule 6 is about
// domain side effects: here nothing in the domain changes, and the other plugins stay untouched).
// An entry joins the inserting transaction when there is one.
import type { Core } from '@strapi/strapi';
import type { AuditEvent } from '../chain/entry';
import { securityEventMeaning } from '../events/security-events';
import { BREAK_GLASS_UID, CASE_UID, REVEAL_UID, SECURITY_EVENT_UID } from '../uids';
import { accountOf, currentActor, currentClient } from './request-facts';
import type { TrailService } from './trail';

export function subscribeFeeds(strapi: Core.Strapi) {
  const trail = () => strapi.plugin('audit').service('trail') as TrailService;

  /** The request's user when signed in, else the account the event names (sign-in itself). */
  async function actorFor(userId: number | null) {
    const actor = currentActor(strapi);
    if (actor.kind === 'portal' || actor.kind === 'admin' || !userId) return actor;
    return (await accountOf(strapi, userId)).actor;
  }

  /** Appends what `describe` makes of each inserted row (nothing when it answers null). */
  function onInsert<Row>(uid: string, describe: (row: Row) => Promise<Omit<AuditEvent, 'client'> | null>) {
    strapi.db.lifecycles.subscribe({
      models: [uid],
      async afterCreate(event: { result?: Row }) {
        const described = event.result ? await describe(event.result) : null;
        if (described) await trail().append({ ...described, client: currentClient(strapi) });
      },
    } as never);
  }

  onInsert<{ kind: string; userId: number | null }>(SECURITY_EVENT_UID, async (row) => {
    const meaning = securityEventMeaning(row.kind);
    if (!meaning) return null;
    const target = row.userId ? await accountOf(strapi, row.userId) : null;
    return {
      actor: await actorFor(row.userId),
      action: meaning.action,
      // The account is named by its document id; an unknown account by nothing at all (the
      // access plugin's key for it is a digest of whatever was typed, possibly a password).
      target: { type: target ? 'user' : 'account', id: target?.documentId ?? null },
      outcome: meaning.outcome,
      fields: [],
    };
  });

  onInsert<{ userId: number; caseId: number }>(BREAK_GLASS_UID, async (row) => {
    const found = (await strapi.db.query(CASE_UID as never).findOne({ where: { id: row.caseId }, select: ['documentId'] })) as { documentId: string } | null;
    return { actor: await actorFor(row.userId), action: 'case.break-glass', target: { type: 'case', id: found?.documentId ?? null }, outcome: 'success', fields: ['reason'] };
  });

  onInsert<{ userId: number; personDocumentId: string }>(REVEAL_UID, async (row) => ({ actor: await actorFor(row.userId), action: 'identity.reveal', target: { type: 'person', id: row.personDocumentId }, outcome: 'success', fields: [] }));
}
