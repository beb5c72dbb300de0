// Which content type a document-service write is under way for, in this async call chain: the
// database-level feeds skip rows the document-service middleware already records.
import { AsyncLocalStorage } from 'node:async_hooks';

const writes = new AsyncLocalStorage<string>();

export const duringDocumentWrite = <T>(uid: string, work: () => T): T => writes.run(uid, work);
export const documentWriteOf = (): string | undefined => writes.getStore();
