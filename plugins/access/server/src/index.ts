// PETT access plugin: need-to-know middleware, role matrix, sign-in with a second factor, sessions.
import register from './register';
import bootstrap from './bootstrap';
import routes from './routes';
import contentTypes from './content-types';
import session from './controllers/session';
import auth from './controllers/auth';
import breakGlass from './controllers/break-glass';
import { createSessionService } from './services/sessions';
import { createSignInService } from './services/sign-in';

export default {
  register,
  bootstrap,
  routes,
  contentTypes,
  controllers: { session, auth, breakGlass },
  services: { sessions: createSessionService, signIn: createSignInService },
  config: {
    default: { permissionsFile: '', commonPasswordsFile: '', breakGlassHours: 24, refreshGraceSeconds: 20 },
    validator(config: { permissionsFile?: unknown; commonPasswordsFile?: unknown }) {
      for (const key of ['permissionsFile', 'commonPasswordsFile'] as const) {
        if (typeof config[key] !== 'string' || !config[key]) throw new Error(`access plugin: ${key} must name a file in config/`);
      }
    },
  },
};
