// PETT access plugin: wires the need-to-know middleware, the role matrix and the /api/access routes.
import register from './register';
import bootstrap from './bootstrap';
import routes from './routes';
import session from './controllers/session';

export default {
  register,
  bootstrap,
  routes,
  controllers: { session },
  config: {
    default: { permissionsFile: '' },
    validator(config: { permissionsFile?: unknown }) {
      if (typeof config.permissionsFile !== 'string' || !config.permissionsFile) {
        throw new Error('access plugin: permissionsFile must point to config/permissions.json');
      }
    },
  },
};
