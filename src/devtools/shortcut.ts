const MODIFIERS = ['alt', 'option', 'shift', 'ctrl', 'control', 'meta', 'cmd'];

/** A keyboard shortcut such as `Alt+Shift+D`. */
export interface Shortcut {
  alt: boolean;
  shift: boolean;
  ctrl: boolean;
  meta: boolean;
  /** `KeyboardEvent.code` for letters and digits (layout-proof, and Alt on macOS does not change it), else `key`. */
  code: string | undefined;
  key: string | undefined;
  label: string;
}

/**
 * Parses `Alt+Shift+D`, `Ctrl+Shift+F12`, `Meta+K`. Modifiers: Alt (Option), Shift, Ctrl, Meta (Cmd).
 *
 * @example
 * matchesShortcut(event, parseShortcut('Alt+Shift+D'));
 */
export function parseShortcut(text: string): Shortcut {
  const parts = text
    .split('+')
    .map((p) => p.trim())
    .filter(Boolean);
  const last = parts.pop();
  if (!last || MODIFIERS.includes(last.toLowerCase())) throw new Error(`mountDevtools: the shortcut '${text}' names no key (write e.g. 'Alt+Shift+D').`);
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  for (const mod of mods) {
    if (!MODIFIERS.includes(mod)) {
      throw new Error(`mountDevtools: '${mod}' in the shortcut '${text}' is not a modifier (use Alt, Shift, Ctrl or Meta).`);
    }
  }
  const code = /^[a-z]$/i.test(last) ? `Key${last.toUpperCase()}` : /^\d$/.test(last) ? `Digit${last}` : undefined;
  return {
    alt: mods.has('alt') || mods.has('option'),
    shift: mods.has('shift'),
    ctrl: mods.has('ctrl') || mods.has('control'),
    meta: mods.has('meta') || mods.has('cmd'),
    code,
    key: code ? undefined : last,
    label: text,
  };
}

export function matchesShortcut(event: KeyboardEvent, shortcut: Shortcut): boolean {
  if (event.altKey !== shortcut.alt || event.shiftKey !== shortcut.shift || event.ctrlKey !== shortcut.ctrl || event.metaKey !== shortcut.meta) return false;
  return shortcut.code ? event.code === shortcut.code : event.key.toLowerCase() === shortcut.key!.toLowerCase();
}
