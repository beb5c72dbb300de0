// Writes a synthetic data set (demo or scale) into the database in bulk, with case numbers that
// continue the year sequences and team memberships for the given users.
import type { Core } from '@strapi/strapi';
import { insertDocuments, insertLinks } from '../database/bulk';
import { SEQUENCE_TABLE, formatCaseNumber, raiseCaseSequence } from '../database/schema-extras';
import { newPersonCode } from '../api/person/pseudonym';
import { AGENCY_UID, CASE_MEMBER_UID, CASE_PARTY_UID, CASE_UID, CHARGE_UID, CODE_LIST_UID, PERSON_UID, VICTIM_PROFILE_UID } from '../uids';
import { lawVersionFor, lawVersionsOf, type CodeItem } from '../api/charge/validation/charge-input';
import type { DemoDataSet } from './demo-data';
import { rng } from './demo-data';
import { demoIdentity } from './demo-identities';
import type { VaultService } from '@pett/vault/dist/server/services/vault';
import { BLIND_INDEX_UID, IDENTITY_UID } from '@pett/vault/dist/server/uids';

export interface MembershipPlan {
  /** For a case index, the memberships to create. */
  (caseIndex: number, team: number): Array<{ userId: number; teamRole: string; startDate: string; endDate: string | null }>;
}

export async function loadDataSet(strapi: Core.Strapi, data: DemoDataSet, plan: MembershipPlan, options: { demo: boolean }): Promise<{ caseIds: number[] }> {
  const knex = strapi.db.connection;
  const r = rng(99);
  // Charges carry the law version in force on the date of the facts, as the API derives it.
  const lists = (await strapi.db.query(CODE_LIST_UID as never).findMany({ where: { key: { $in: ['offence', 'law-version'] } }, select: ['key'], populate: { items: true } })) as Array<{ key: string; items?: CodeItem[] }>;
  const offences = new Map((lists.find((l) => l.key === 'offence')?.items ?? []).map((i) => [i.code, i]));
  const versions = lawVersionsOf(lists.find((l) => l.key === 'law-version')?.items ?? []);
  return strapi.db.transaction(async ({ trx }) => {
    // Case numbers continue each year's sequence.
    const years = [...new Set(data.cases.map((c) => c.year))];
    const current = new Map<number, number>();
    for (const year of years) {
      const row = (await trx(SEQUENCE_TABLE).where({ year }).first()) as { value: number } | undefined;
      current.set(year, Number(row?.value ?? 0));
    }
    const order = data.cases.map((c, index) => ({ c, index })).sort((a, b) => a.c.intakeDate.localeCompare(b.c.intakeDate) || a.index - b.index);
    const numbers = new Map<number, string>();
    for (const { c, index } of order) {
      const next = (current.get(c.year) ?? 0) + 1;
      current.set(c.year, next);
      numbers.set(index, formatCaseNumber(c.year, next));
    }
    const caseIds = await insertDocuments(strapi, trx as never, CASE_UID, data.cases.map((c, index) => {
      const { team: _team, ...fields } = c;
      return { ...fields, caseNumber: numbers.get(index), municipality: null, isDemo: options.demo, custom: {} };
    }));
    for (const [year, value] of current) await raiseCaseSequence(trx as never, year, value);

    // Codes already in use (earlier loads, real people) must not be handed out again.
    const codes = new Set<string>(((await trx(strapi.db.metadata.get(PERSON_UID as never).tableName).select('code')) as Array<{ code: string }>).map((row) => row.code));
    const personIds = await insertDocuments(strapi, trx as never, PERSON_UID, data.people.map((p) => {
      let code = newPersonCode(p.family);
      while (codes.has(code)) code = newPersonCode(p.family);
      codes.add(code);
      return { code, personKind: p.personKind, sex: p.sex, nationality: p.nationality, birthYear: p.birthYear, isDemo: options.demo };
    }));

    // Demo people get synthetic identities, sealed in the vault like real ones.
    if (options.demo) {
      const vault = strapi.plugin('vault').service('vault') as VaultService;
      const table = strapi.db.metadata.get(PERSON_UID as never).tableName;
      const documentIds = new Map<number, string>();
      for (let start = 0; start < personIds.length; start += 500) {
        const rows = (await trx(table).whereIn('id', personIds.slice(start, start + 500)).select('id', 'document_id')) as Array<{ id: number; document_id: string }>;
        for (const row of rows) documentIds.set(Number(row.id), row.document_id);
      }
      const ri = rng(7);
      const sealed = data.people.map((p, i) => vault.prepare(documentIds.get(personIds[i])!, demoIdentity(p, i, ri), { birthYear: p.birthYear, isDemo: true }));
      await insertDocuments(strapi, trx as never, IDENTITY_UID, sealed.map((s) => s.row));
      await insertDocuments(strapi, trx as never, BLIND_INDEX_UID, sealed.flatMap((s) => s.indexes));
    }

    const partyIds = await insertDocuments(strapi, trx as never, CASE_PARTY_UID, data.parties.map((p) => ({ role: p.role, schemeRole: p.schemeRole, isPublicOfficial: p.isPublicOfficial, isDemo: options.demo })));
    await insertLinks(strapi, trx as never, CASE_PARTY_UID, 'case', data.parties.map((p, i) => [partyIds[i], caseIds[p.caseIndex]]));
    await insertLinks(strapi, trx as never, CASE_PARTY_UID, 'person', data.parties.map((p, i) => [partyIds[i], personIds[p.personIndex]]));

    // Charges whose offence has a version in force on the case's date (all of them, with the shipped lists).
    const charges = data.charges.flatMap((ch) => {
      const c = data.cases[ch.caseIndex];
      const offence = offences.get(ch.offence);
      const version = lawVersionFor(offence, c.factsDate ?? c.intakeDate, versions);
      if (!offence || !version) return [];
      const article = typeof offence.meta?.article === 'string' ? offence.meta.article : null;
      return [{ ch, row: { offence: ch.offence, lawVersion: version.code, article, aggravating: ch.aggravating, status: ch.status, chargedAt: ch.chargedAt, verdictAt: ch.verdictAt, sentenceMonths: ch.sentenceMonths, isDemo: options.demo } }];
    });
    const chargeIds = await insertDocuments(strapi, trx as never, CHARGE_UID, charges.map((x) => x.row));
    await insertLinks(strapi, trx as never, CHARGE_UID, 'case', charges.map((x, i) => [chargeIds[i], caseIds[x.ch.caseIndex]]));
    await insertLinks(strapi, trx as never, CHARGE_UID, 'party', charges.map((x, i) => [chargeIds[i], partyIds[x.ch.partyIndex]]));

    // A victim profile for each victim, with what the case says of them.
    const victims = new Map<number, number>();
    data.parties.forEach((p) => {
      if (['victim-adult', 'victim-child', 'smuggled-migrant'].includes(p.role) && !victims.has(p.personIndex)) victims.set(p.personIndex, p.caseIndex);
    });
    const victimList = [...victims.entries()];
    const profileIds = await insertDocuments(strapi, trx as never, VICTIM_PROFILE_UID, victimList.map(([personIndex, caseIndex]) => {
      const person = data.people[personIndex];
      const c = data.cases[caseIndex];
      const age = person.birthYear ? c.year - person.birthYear : null;
      return { sex: person.sex, nationality: person.nationality, ageAtIdentification: age, isMinor: age !== null && age < 18, exploitationForms: c.exploitationForms, identificationDate: c.intakeDate, isDemo: options.demo };
    }));
    await insertLinks(strapi, trx as never, VICTIM_PROFILE_UID, 'person', victimList.map(([personIndex], i) => [profileIds[i], personIds[personIndex]]));

    const agencies = (await trx(strapi.db.metadata.get(AGENCY_UID as never).tableName).select('id')) as Array<{ id: number }>;
    if (agencies.length) {
      const links: Array<[number, number]> = [];
      caseIds.forEach((caseId) => {
        const chosen = new Set<number>();
        const n = 1 + r.int(3);
        while (chosen.size < Math.min(n, agencies.length)) chosen.add(agencies[r.int(agencies.length)].id);
        for (const agencyId of chosen) links.push([caseId, agencyId]);
      });
      await insertLinks(strapi, trx as never, CASE_UID, 'agencies', links);
    }

    const memberships = data.cases.flatMap((c, index) => plan(index, c.team).map((m) => ({ ...m, caseId: caseIds[index] })));
    const memberIds = await insertDocuments(strapi, trx as never, CASE_MEMBER_UID, memberships.map((m) => ({ teamRole: m.teamRole, startDate: m.startDate, endDate: m.endDate })));
    await insertLinks(strapi, trx as never, CASE_MEMBER_UID, 'case', memberships.map((m, i) => [memberIds[i], m.caseId]));
    await insertLinks(strapi, trx as never, CASE_MEMBER_UID, 'user', memberships.map((m, i) => [memberIds[i], m.userId]));
    return { caseIds };
  });
}
