/// <reference types="vite/client" />
/// <reference path="../../client.d.ts" />
