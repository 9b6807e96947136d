// The harness's database worker (?mode=worker): the same migration set as the page's build.
import migrations from 'virtual:pgboot/migrations';
import { serveDatabase } from '../../src/worker/index.js';

serveDatabase({ migrations });
