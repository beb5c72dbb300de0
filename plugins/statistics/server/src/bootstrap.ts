// At startup: the indexes the indicators read through (indexes.ts), the demo report schedules
// (config/catalogues/report-schedules.json) that are not there yet, and the report scheduler and
// retention sweep.
import fs from 'node:fs';
import type { Core } from '@strapi/strapi';
import cron from 'node-cron';
import { INDICATORS } from './indicators/catalogue';
import { ensureStatisticsIndexes } from './indexes';
import { checkPrivateDir } from './reports/storage';
import { checkSchedule, type ScheduleInput } from './reports/schedule-input';
import { startReportSchedules, stopReportSchedules } from './reports/scheduler';
import { REPORT_SCHEDULE_UID } from './uids';

async function seedSchedules(strapi: Core.Strapi): Promise<void> {
  const file = strapi.plugin('statistics').config('schedulesFile') as string;
  if (!file || !fs.existsSync(file)) return;
  const seeds = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<ScheduleInput & { name: string }>;
  const keys = new Set(INDICATORS.map((i) => i.key));
  for (const listed of seeds) {
    // A seed may name indicators another part of the catalogue adds later: only the known ones are kept.
    const seed = { ...listed, indicators: (listed.indicators as string[]).filter((k) => keys.has(k)) };
    if ((seed.indicators as string[]).length === 0) continue;
    const problems = checkSchedule(seed, { lang: 'en', indicatorKeys: keys, validCron: (e) => cron.validate(e), partial: false });
    if (problems.length) throw new Error(`report schedule "${seed.name}" in ${file}: ${problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('; ')}`);
    const found = await strapi.db.query(REPORT_SCHEDULE_UID as never).findOne({ where: { name: seed.name }, select: ['id'] });
    if (!found) await strapi.documents(REPORT_SCHEDULE_UID as never).create({ data: seed as never });
  }
}

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await ensureStatisticsIndexes(strapi);
  checkPrivateDir(strapi.plugin('statistics').config('reportsDir') as string, strapi.dirs.static.public);
  await seedSchedules(strapi);
  await startReportSchedules(strapi);
};

export const destroy = () => stopReportSchedules();
