/** The panel's tabs, in the order they are shown. */
export const TABS = ['migrations', 'history', 'snapshots', 'sql', 'schema'] as const;
export type TabName = (typeof TABS)[number];

/** Whether a value (e.g. read back from sessionStorage) names one of the panel's tabs. */
export function isTabName(value: unknown): value is TabName {
  return (TABS as readonly unknown[]).includes(value);
}
