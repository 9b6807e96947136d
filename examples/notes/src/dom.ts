type Child = Node | string | null | undefined | false;
type Props = Record<string, string | boolean | ((event: Event) => void) | undefined>;

/**
 * Creates an element. Strings become text nodes, never HTML, so note titles, file names and
 * error messages cannot inject markup. `on*` props become event listeners.
 *
 * @example
 * h('p', { class: 'hint' }, 'File: ', h('code', {}, error.file))
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(key.slice(2).toLowerCase(), value);
    else if (value === true) element.setAttribute(key, '');
    else element.setAttribute(key, value);
  }
  for (const child of children) if (child) element.append(child);
  return element;
}
