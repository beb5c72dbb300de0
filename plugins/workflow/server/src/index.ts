// PETT workflow plugin: workflows as versioned data checked on save, the pure transition decision
// with named guards (machine/), moving a case (services/moves), and dated legal deadlines (deadlines/).
import register from './register';
import { createWorkflowsService } from './services/workflows';
import { createMovesService } from './services/moves';
// Daily deadline alerts under a database job lease (alerts/).
import { createAlertsService } from './alerts/alerts-service';
import { startAlertSchedule, stopAlertSchedule } from './alerts/scheduler';
import { createSopRunsService } from './services/sop-runs';
import { createDeadlinesService } from './services/deadlines';

export default {
  register,
  bootstrap: ({ strapi }: { strapi: Parameters<typeof startAlertSchedule>[0] }) => startAlertSchedule(strapi),
  destroy: () => stopAlertSchedule(),
  services: { workflows: createWorkflowsService, moves: createMovesService, sopRuns: createSopRunsService, deadlines: createDeadlinesService, alerts: createAlertsService },
};
