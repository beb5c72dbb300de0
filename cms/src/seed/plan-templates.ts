// Seeds the investigation-plan templates from config/catalogues/plan-templates.json (the training
// manual's plans, in Spanish). Adds a template whose key is missing; never overwrites one that an
// administrator may have changed in /admin.
import type { Core } from '@strapi/strapi';
import { PLAN_TEMPLATE_UID } from '../uids';
import { readCatalogue } from './catalogues';

interface PlanTemplate { key: string; version: number; name: string; description?: string; caseTypes?: string[]; content: Record<string, unknown> }

export async function seedPlanTemplates(strapi: Core.Strapi): Promise<void> {
  const docs = strapi.documents(PLAN_TEMPLATE_UID as never);
  for (const template of readCatalogue<PlanTemplate[]>('plan-templates.json')) {
    const count = await docs.count({ filters: { key: template.key } } as never);
    if (count === 0) await docs.create({ data: { ...template, description: template.description ?? null, caseTypes: template.caseTypes ?? [], active: true } } as never);
  }
}
