// The demo's database worker (worker mode): every tab starts one; the leader opens the
// database, applies this build's migrations, and serves all tabs' queries.
import migrations from 'virtual:pgboot/migrations';
import { serveDatabase } from '../worker/index.js';

serveDatabase({ migrations });
