// PETT evidence plugin: evidence items of a case, their files kept privately and checked by
// content, hash-chained append-only custody events, the integrity check and the custody form.
import register from './register';
import bootstrap from './bootstrap';
import contentTypes from './content-types';
import { createRecordsService } from './services/records';
import { createUploadsService } from './services/uploads';
import { createIntegrityService } from './services/integrity';
import { createCustodyFormService } from './services/custody-form';
import evidence from './controllers/evidence';
import routes from './routes';

export default {
  register,
  bootstrap,
  contentTypes,
  services: { records: createRecordsService, uploads: createUploadsService, integrity: createIntegrityService, custodyForm: createCustodyFormService },
  controllers: { evidence },
  routes,
  config: {
    default: { privateDir: '', maxBytes: 100 * 1024 * 1024 },
    validator(config: { privateDir?: unknown; maxBytes?: unknown }) {
      if (typeof config.privateDir !== 'string' || !config.privateDir) throw new Error('evidence plugin: privateDir must name the private folder evidence files are kept in');
      if (!Number.isInteger(config.maxBytes) || (config.maxBytes as number) < 1024) throw new Error('evidence plugin: maxBytes must be a whole number of bytes, at least 1024');
    },
  },
};
