/** The migrations folder of the dev harness server (e2e/ports.ts); e2e/dev-reload.spec.ts writes into it while the server runs. */
export const DEV_MIGRATIONS_DIR = '/tmp/pgboot-e2e-dev-migrations';
