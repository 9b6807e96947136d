/**
 * The panel's only way to build DOM. Children are nodes or strings, and strings always
 * become text nodes: no innerHTML anywhere, so a migration named `<img onerror=...>` or a
 * query returning markup shows as the characters it is.
 */
export type Child = Node | string | number | null | undefined | false;

export interface Props {
  class?: string;
  /** Sets attributes (never `on*`: handlers go in `on`). */
  attrs?: Record<string, string | number | boolean | undefined>;
  on?: { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
  /** Properties such as `value`, `checked`, `disabled`. */
  props?: Record<string, unknown>;
}

/**
 * Creates an element.
 *
 * @example
 * h('button', { attrs: { type: 'button' }, on: { click: apply } }, 'Apply pending');
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.class) element.className = props.class;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (/^on/i.test(name)) throw new Error(`dom.h: '${name}' is an event handler attribute; pass it in 'on'.`);
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const [name, value] of Object.entries(props.props ?? {})) (element as unknown as Record<string, unknown>)[name] = value;
  for (const [type, listener] of Object.entries(props.on ?? {})) element.addEventListener(type, listener as EventListener);
  append(element, children);
  return element;
}

/**
 * A table with a header row, named for screen readers (`aria-label`, what the e2e tests find it by).
 *
 * @example
 * table('Snapshots', ['Taken', 'Label'], snapshots.map((s) => h('tr', {}, h('td', {}, s.takenAt), h('td', {}, s.label))));
 */
export function table(label: string, headers: readonly string[], rows: HTMLTableRowElement[]): HTMLTableElement {
  return h(
    'table',
    { attrs: { 'aria-label': label } },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headers.map((header) => h('th', {}, header)),
      ),
    ),
    h('tbody', {}, rows),
  );
}

/** Appends children (strings as text nodes). */
function append(parent: Node, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** Replaces all children of `parent`. */
export function replaceChildren(parent: Element | ShadowRoot, ...children: (Child | Child[])[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/**
 * A migration id that wraps between its words (after each `_`) rather than inside one, when the
 * column is narrow: `<wbr>` after every underscore.
 */
export function idText(id: string): Child[] {
  return id.split(/(?<=_)/).flatMap((part, index) => (index === 0 ? [part] : [document.createElement('wbr'), part]));
}

/** A `<button type="button">`: every action in the panel is one, so the keyboard reaches it. */
export function button(label: Child | Child[], onClick: () => void, props: Props = {}): HTMLButtonElement {
  return h('button', { ...props, attrs: { type: 'button', ...props.attrs }, on: { ...props.on, click: onClick } }, label);
}
