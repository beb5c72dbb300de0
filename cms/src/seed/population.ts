// Seeds the population table (the denominators of the SDG 16.2.2 rates) from
// config/catalogues/population.json. Adds a row whose year, province, sex and age group are missing;
// never overwrites one the configurator may have corrected in /admin. Each save is checked by the
// statistics plugin (plugins/statistics/server/src/population/check.ts).
import type { Core } from '@strapi/strapi';
import { POPULATION_ESTIMATE_UID } from '../uids';
import { readCatalogue } from './catalogues';

interface PopulationRow { year: number; province?: string | null; sex: string; ageGroup: string; population: number; source: string }

export async function seedPopulation(strapi: Core.Strapi): Promise<void> {
  const docs = strapi.documents(POPULATION_ESTIMATE_UID as never);
  for (const row of readCatalogue<{ rows: PopulationRow[] }>('population.json').rows) {
    const province = row.province ?? null;
    const count = await docs.count({ filters: { year: row.year, sex: row.sex, ageGroup: row.ageGroup, province: province === null ? { $null: true } : province } } as never);
    if (count === 0) await docs.create({ data: { ...row, province } } as never);
  }
}
