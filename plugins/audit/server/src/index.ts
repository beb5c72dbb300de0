// PETT audit plugin: an append-only, hash-chained trail of writes, reads and security events, fed
// from domain events; signed checkpoints under a key kept outside the database.
import register from './register';
import bootstrap, { destroy } from './bootstrap';
import contentTypes from './content-types';
import { createTrailService } from './services/trail';
import { createReadingService } from './services/reading';
import audit from './controllers/audit';
import routes from './routes';

export default {
  register,
  bootstrap,
  destroy,
  contentTypes,
  services: { trail: createTrailService, reading: createReadingService },
  controllers: { audit },
  routes,
  config: {
    default: { keyFile: '', checkpointDir: '', checkpointEvery: 1000, checkpointMinutes: 60 },
    validator(config: { keyFile?: unknown; checkpointDir?: unknown; checkpointEvery?: unknown; checkpointMinutes?: unknown }) {
      if (typeof config.keyFile !== 'string' || !config.keyFile) throw new Error('audit plugin: keyFile must name the checkpoint signing key file');
      if (typeof config.checkpointDir !== 'string' || !config.checkpointDir) throw new Error('audit plugin: checkpointDir must name the folder checkpoints are written to');
      for (const key of ['checkpointEvery', 'checkpointMinutes'] as const) {
        if (!Number.isInteger(config[key]) || (config[key] as number) < 1) throw new Error(`audit plugin: ${key} must be a positive whole number`);
      }
    },
  },
};
