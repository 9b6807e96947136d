export { mountDevtools, type DevtoolsOptions, type DevtoolsHandle } from './mount.js';
export { ELEMENT_NAME, PgbootDevtoolsElement } from './element.js';
export type { DevtoolsChange } from './panel-context.js';
export { TABS, type TabName } from './tabs.js';
