// Seeds the catalogues from config/catalogues: code lists, agencies, SOP templates, deadline rules
// and workflows. Adds what is missing and never overwrites what an administrator has changed.
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { operatorConfigDir } from '../../config/paths';
import { storedOf } from '@pett/workflow/dist/server/services/deadlines';
import type { DeadlineRule } from '@pett/workflow/dist/server/deadlines/rules';
import { AGENCY_UID, CODE_LIST_UID, DEADLINE_RULE_UID, SOP_TEMPLATE_UID, WORKFLOW_UID } from '../uids';

interface CodeItem { code: string; labelEs: string; labelEn: string; sortOrder?: number; parentCode?: string; meta?: Record<string, unknown> }
interface CodeList { key: string; nameEs: string; nameEn: string; description?: string; items: CodeItem[] }
interface Agency { code: string; name: string; kind: string; confirm?: boolean }
interface SopStep { key: string; title: string; role: string; required: boolean; dueOffsetDays?: number; gate: boolean; guidance?: string; evidenceRequired?: string }
interface SopTemplate { key: string; name: string; version: number; appliesTo: string[]; description?: string; steps: SopStep[] }

export function readCatalogue<T>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(operatorConfigDir(), 'catalogues', file), 'utf8')) as T;
}

async function seedCodeLists(strapi: Core.Strapi) {
  const docs = strapi.documents(CODE_LIST_UID as never);
  for (const list of readCatalogue<CodeList[]>('code-lists.json')) {
    const items = list.items.map((item, index) => ({
      code: item.code,
      labelEs: item.labelEs,
      labelEn: item.labelEn,
      active: true,
      sortOrder: item.sortOrder ?? index + 1,
      parentCode: item.parentCode ?? null,
      meta: item.meta ?? {},
    }));
    const [existing] = (await docs.findMany({ filters: { key: list.key }, populate: ['items'] } as never)) as unknown as Array<{ documentId: string; items: Array<Record<string, unknown>> }>;
    if (!existing) {
      await docs.create({ data: { key: list.key, nameEs: list.nameEs, nameEn: list.nameEn, description: list.description ?? null, items } } as never);
      continue;
    }
    const known = new Set(existing.items.map((item) => item.code));
    const missing = items.filter((item) => !known.has(item.code));
    if (missing.length) {
      const kept = existing.items.map(({ id: _id, ...rest }) => rest);
      await docs.update({ documentId: existing.documentId, data: { items: [...kept, ...missing] } } as never);
    }
  }
}

async function seedAgencies(strapi: Core.Strapi) {
  const docs = strapi.documents(AGENCY_UID as never);
  for (const agency of readCatalogue<Agency[]>('agencies.json')) {
    const count = await docs.count({ filters: { code: agency.code } } as never);
    if (count === 0) {
      await docs.create({ data: { code: agency.code, name: agency.name, kind: agency.kind, active: true, needsConfirmation: agency.confirm === true } } as never);
    }
  }
}

/** Templates by key, created once: a template the configurator edited (a higher version) is left alone. */
async function seedSopTemplates(strapi: Core.Strapi) {
  const docs = strapi.documents(SOP_TEMPLATE_UID as never);
  for (const template of readCatalogue<SopTemplate[]>('sop-templates.json')) {
    const count = await docs.count({ filters: { key: template.key } } as never);
    if (count === 0) await docs.create({ data: { ...template, active: true } } as never);
  }
}

/** Deadline rules by key and start date, created once (each save is checked by the workflow plugin). */
async function seedDeadlineRules(strapi: Core.Strapi) {
  const docs = strapi.documents(DEADLINE_RULE_UID as never);
  for (const rule of readCatalogue<{ rules: DeadlineRule[] }>('deadline-rules.json').rules) {
    const count = await docs.count({ filters: { key: rule.key, validFrom: rule.validFrom } } as never);
    if (count === 0) await docs.create({ data: storedOf(rule) } as never);
  }
}

/**
 * Workflows by key, created once: the workflow plugin checks each and freezes its version 1. A
 * workflow saved before stages named their checklists and deadlines (no stage has either list) gets
 * them from the catalogue for the stages it shares with it: filling what was never set overwrites
 * no one's choice, and the save freezes a new version (open cases keep theirs).
 */
async function seedWorkflows(strapi: Core.Strapi) {
  const docs = strapi.documents(WORKFLOW_UID as never);
  type Stage = { code: string; sopTemplates?: unknown; startsEvents?: unknown };
  for (const workflow of readCatalogue<Array<Record<string, unknown> & { key: string; states: Stage[] }>>('workflows.json')) {
    const [existing] = (await docs.findMany({ filters: { key: workflow.key }, populate: ['states', 'transitions'] } as never)) as unknown as Array<{ documentId: string; states?: Array<Stage & { id?: number }>; transitions?: Array<Record<string, unknown>> }>;
    if (!existing) {
      await docs.create({ data: workflow } as never);
      continue;
    }
    const states = existing.states ?? [];
    if (!states.length || states.some((s) => s.sopTemplates != null || s.startsEvents != null)) continue;
    const shipped = new Map(workflow.states.map((s) => [s.code, s]));
    try {
      await docs.update({
        documentId: existing.documentId,
        data: {
          states: states.map(({ id: _id, ...s }) => ({ ...s, sopTemplates: shipped.get(s.code)?.sopTemplates ?? [], startsEvents: shipped.get(s.code)?.startsEvents ?? [] })),
          transitions: (existing.transitions ?? []).map(({ id: _id, ...t }) => t),
        },
      } as never);
    } catch (error) {
      // The configurator's workflow may no longer fit the catalogue: leave it for them to complete in /admin.
      strapi.log.warn(`[PETT] workflow «${workflow.key}»: its stages were not given checklists and deadlines (${(error as Error).message})`);
    }
  }
}

export async function seedCatalogues(strapi: Core.Strapi): Promise<void> {
  await seedCodeLists(strapi);
  await seedAgencies(strapi);
  await seedSopTemplates(strapi);
  await seedDeadlineRules(strapi);
  await seedWorkflows(strapi);
  await (await import('./plan-templates')).seedPlanTemplates(strapi);
  await (await import('./population')).seedPopulation(strapi);
}
