// PETT workflow plugin: workflows as versioned data checked on save, the pure transition decision
// with named guards (machine/), moving a case (services/moves), and dated legal deadlines (deadlines/).
import register from './register';
import { createWorkflowsService } from './services/workflows';
import { createMovesService } from './services/moves';
import { createSopRunsService } from './services/sop-runs';
import { createDeadlinesService } from './services/deadlines';

export default {
  register,
  services: { workflows: createWorkflowsService, moves: createMovesService, sopRuns: createSopRunsService, deadlines: createDeadlinesService },
};
