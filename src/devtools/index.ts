export { mountDevtools, type DevtoolsOptions, type DevtoolsHandle } from './mount.js';
export { ELEMENT_NAME, PgbootDevtoolsElement, TABS, type DevtoolsChange, type TabName } from './element.js';
