// Types for the modules pgboot's bundler plugin serves (pgboot/vite, /webpack, /rspack, /esbuild,
// /rollup). Add to your tsconfig's "types":
//   "types": ["vite/client", "pgboot/client"]   (or just "pgboot/client" without Vite)
// or reference it once: /// <reference types="pgboot/client" />

declare module 'virtual:pgboot/migrations' {
  import type { MigrationSource } from 'pgboot';
  /** Every migration of the folder given to `pgboot({ dir })`, in run order, with build-time checksums. */
  const migrations: MigrationSource[];
  export default migrations;
  /** PGlite modules of the extensions the migrations create: pass them on, `bootDatabase({ name, migrations, extensions })`, `serveDatabase({ migrations, extensions })`. */
  export const extensions: import('@electric-sql/pglite').Extensions;
}

declare module 'virtual:pgboot/extensions' {
  /** PGlite modules of the extensions the migrations create, e.g. `{ pg_trgm }`: pass them to PGlite's `extensions`. */
  const extensions: import('@electric-sql/pglite').Extensions;
  export default extensions;
}

declare module 'virtual:pgboot/image' {
  /**
   * The first-boot image of a production build made with `pgboot({ image: true })`: pass it to
   * `bootDatabase({ image })`. `undefined` in dev and without the option (a first boot then runs
   * initdb and every migration).
   */
  const image: import('pgboot').FirstBootImage | undefined;
  export default image;
}
