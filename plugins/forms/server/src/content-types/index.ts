// The forms plugin's types: the definition the configurator edits (draft and published), and the
// frozen versions records point to.
import formDefinition from './form-definition/schema.json';
import formVersion from './form-version/schema.json';

export default {
  'form-definition': { schema: formDefinition },
  'form-version': { schema: formVersion },
};
