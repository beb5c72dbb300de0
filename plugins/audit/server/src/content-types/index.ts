// The audit plugin's own tables: entries, checkpoints, and the archives retention made. None has a
// content-API route or an admin-panel view, and database triggers refuse UPDATE and DELETE on all
// three (bootstrap), but for the DELETE of an entry an archive covers.
import entry from './entry/schema.json';
import checkpoint from './checkpoint/schema.json';
import archive from './archive/schema.json';

export default {
  entry: { schema: entry },
  checkpoint: { schema: checkpoint },
  archive: { schema: archive },
};
