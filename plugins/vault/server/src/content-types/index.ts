// The vault's own tables. None has a content-API route or an admin-panel view: only the vault
// service reads and writes them.
import identity from './identity/schema.json';
import blindIndex from './blind-index/schema.json';
import keyCheck from './key-check/schema.json';
import reveal from './reveal/schema.json';
import file from './file/schema.json';

export default {
  identity: { schema: identity },
  'blind-index': { schema: blindIndex },
  'key-check': { schema: keyCheck },
  reveal: { schema: reveal },
  file: { schema: file },
};
