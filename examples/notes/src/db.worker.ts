// The demo's database worker (worker mode): every tab starts one; the leader opens the
// database, applies this build's migrations, and serves all tabs' queries.
import migrations, { extensions } from 'virtual:pgboot/migrations';
// The production build's first-boot image (vite.config.ts: image: true); undefined in dev.
import image from 'virtual:pgboot/image';
import { serveDatabase } from 'pgboot/worker';

serveDatabase({ migrations, extensions, image });
