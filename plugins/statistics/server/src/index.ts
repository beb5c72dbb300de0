// PETT statistics plugin: the indicator catalogue computed in SQL (indicators/, services/), answered
// only through the suppression of small cells (suppression/), which every figure leaving the system passes.
import { createIndicatorsService } from './services/indicators';
import { createTablesService } from './services/tables';
import statistics from './controllers/statistics';
import routes from './routes';
import bootstrap from './bootstrap';

export default {
  bootstrap,
  services: { indicators: createIndicatorsService, tables: createTablesService },
  controllers: { statistics },
  routes,
};
