// Ports of the servers playwright.config.ts starts for the e2e specs. They are not Vite's
// defaults on purpose: a developer's own `npm run dev` (5173) must never be mistaken for the
// test server, and Playwright always starts fresh servers (reuseExistingServer: false). They are
// below Linux's ephemeral range (32768-60999) on purpose too: Playwright polls a server's URL
// before it listens, and a connection to a port in that range can be given the same port as its
// own source (a TCP self-connect), which then holds the port for a minute ("Port ... is already
// in use", seen with 25174).
export const DEMO_PORT = 25173; // the notes example (examples/notes), vite dev
export const PAGES_PORT = 25174; // the dev panel's and storage specs' pages (e2e/pages.vite.config.ts), vite dev
export const BUILT_PORT = 25175; // the harness, built once per fixture set, one origin
export const DEV_PORT = 25176; // the harness in dev, on a folder the tests edit (HMR)

export const DEMO_URL = `http://localhost:${DEMO_PORT}`;
export const PAGES_URL = `http://localhost:${PAGES_PORT}`;
export const BUILT_URL = `http://localhost:${BUILT_PORT}`;
export const DEV_URL = `http://localhost:${DEV_PORT}`;
export const WEBPACK_APP_PORT = 25177; // e2e/webpack-app built by webpack, served by the spec itself
export const WEBPACK_APP_URL = `http://localhost:${WEBPACK_APP_PORT}`;
