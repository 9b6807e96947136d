/** The migrations folder of the dev harness server (port 5176); e2e/dev-reload.spec.ts writes into it while the server runs. */
export const DEV_MIGRATIONS_DIR = '/tmp/pgboot-e2e-dev-migrations';
