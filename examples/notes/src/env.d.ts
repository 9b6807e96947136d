/// <reference types="vite/client" />
// Types of virtual:pgboot/*. In your app: "types": ["vite/client", "pgboot/client"] in tsconfig.json.
/// <reference path="../../../client.d.ts" />
