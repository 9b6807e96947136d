// The panel harness's database worker (?mode=worker): serves the set named by the worker's name.
import { serveDatabase } from '../../src/worker/index.js';
import { SETS } from './sets.js';

serveDatabase({ migrations: SETS[self.name] ?? SETS.actions!, onWarning: () => {} });
