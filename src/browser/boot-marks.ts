/**
 * Marks a step of a boot on the Performance timeline as `pgboot:<step>` (DevTools' Performance
 * panel shows them; bench/first-boot.bench.mjs reads them to break a boot down). A mark costs
 * microseconds; where there is no Performance API it does nothing.
 */
export function markBoot(step: string): void {
  globalThis.performance?.mark?.(`pgboot:${step}`);
}
