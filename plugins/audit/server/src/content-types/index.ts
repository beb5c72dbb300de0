// The audit plugin's own tables. Neither has a content-API route or an admin-panel view, and
// database triggers refuse UPDATE and DELETE on both (bootstrap).
import entry from './entry/schema.json';
import checkpoint from './checkpoint/schema.json';

export default {
  entry: { schema: entry },
  checkpoint: { schema: checkpoint },
};
