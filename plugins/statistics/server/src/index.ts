// PETT statistics plugin: the indicator catalogue computed in SQL (indicators/, services/), answered
// only through the suppression of small cells (suppression/), which every figure leaving the system
// passes; exports and scheduled reports (reports/) kept in private storage.
import type { Core } from '@strapi/strapi';
import registerReports from './register';
import bootstrap, { destroy } from './bootstrap';
import contentTypes from './content-types';
import { createIndicatorsService } from './services/indicators';
import { createTablesService } from './services/tables';
import { createReportsService } from './services/reports';
import statistics from './controllers/statistics';
import reports from './controllers/reports';
import routes from './routes';
import registerPopulationCheck from './population/check';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerPopulationCheck(strapi);
    registerReports({ strapi });
  },
  bootstrap,
  destroy,
  contentTypes,
  services: { indicators: createIndicatorsService, tables: createTablesService, reports: createReportsService },
  controllers: { statistics, reports },
  routes,
  config: {
    default: { reportsDir: '', schedulesFile: '' },
    validator(config: { reportsDir?: unknown; schedulesFile?: unknown }) {
      if (typeof config.reportsDir !== 'string' || !config.reportsDir) throw new Error('statistics plugin: reportsDir must name the private folder report files are kept in');
      if (typeof config.schedulesFile !== 'string') throw new Error('statistics plugin: schedulesFile must be a path (or empty)');
    },
  },
};
