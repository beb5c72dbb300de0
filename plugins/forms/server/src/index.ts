// PETT forms plugin: form definitions as data (definition/), checked and frozen as versions when the
// configurator publishes them, and the answers records keep in `custom` checked against them.
import register from './register';
import contentTypes from './content-types';
import { createDefinitionsService } from './services/definitions';
import forms from './controllers/forms';
import routes from './routes';

export default {
  register,
  contentTypes,
  services: { definitions: createDefinitionsService },
  controllers: { forms },
  routes,
};
