// A worker thread of a tree scan: its share of the files, read and searched here, its part of
// the report posted back whole. The main thread merges the parts (src/scan.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { UserError } from './errors.js';
import { collect, type Share, type ScanRequest, type WorkerMessage } from './scan.js';

const { req, share, progress } = workerData as { req: ScanRequest; share: Share; progress: boolean };
const post = (message: WorkerMessage) => parentPort!.postMessage(message);

collect(req, share, progress ? (stats) => post({ progress: stats }) : undefined).then(
  (part) => post({ part }),
  (e: unknown) => post({ error: { message: e instanceof Error ? e.message : String(e), user: e instanceof UserError } }),
);
