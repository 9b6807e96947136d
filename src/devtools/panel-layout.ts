import { button, h } from './dom.js';

/** Where the panel sits: along the bottom or the right side of the window, or floating in a corner. */
export type Dock = 'bottom' | 'right' | 'float';

/** The panel's place and size, remembered per app (localStorage, keyed by the database name). */
export interface PanelLayout {
  dock: Dock;
  /** Pixels: the height when docked at the bottom, the width when docked at the side. */
  size: number;
}

const DOCKS: readonly Dock[] = ['bottom', 'right', 'float'];
const DOCK_LABELS: Record<Dock, { text: string; label: string }> = {
  bottom: { text: '▁', label: 'Dock to the bottom' },
  right: { text: '▕', label: 'Dock to the right side' },
  float: { text: '▣', label: 'Float in the corner' },
};
const DEFAULT_LAYOUT: PanelLayout = { dock: 'bottom', size: 320 };
const MIN_SIZE = 160;
const keyFor = (name: string | undefined) => `pgboot-devtools-layout:${name ?? ''}`;

function loadPanelLayout(name: string | undefined): PanelLayout {
  try {
    const saved = JSON.parse(localStorage.getItem(keyFor(name)) ?? 'null') as Partial<PanelLayout> | null;
    if (!saved) return { ...DEFAULT_LAYOUT };
    return {
      dock: DOCKS.includes(saved.dock as Dock) ? (saved.dock as Dock) : DEFAULT_LAYOUT.dock,
      size: typeof saved.size === 'number' && Number.isFinite(saved.size) ? Math.max(MIN_SIZE, Math.round(saved.size)) : DEFAULT_LAYOUT.size,
    };
  } catch {
    return { ...DEFAULT_LAYOUT }; // storage disabled or corrupt
  }
}

function savePanelLayout(name: string | undefined, layout: PanelLayout): void {
  try {
    localStorage.setItem(keyFor(name), JSON.stringify(layout));
  } catch {
    // Storage disabled: the layout is forgotten on reload.
  }
}

/**
 * Docks and resizes the panel: dock buttons for its header, and a handle on its inner edge
 * (drag it, or focus it and use the arrow keys). Applies the layout as attributes and a CSS
 * variable on the host element (styles.ts reads them), and remembers it per app.
 *
 * @example
 * const layout = createPanelLayout(host, panel, 'notes');
 * header.append(layout.controls); panel.append(layout.handle);
 */
export function createPanelLayout(host: HTMLElement, name: string | undefined) {
  let layout = loadPanelLayout(name);
  const dockButtons = new Map<Dock, HTMLButtonElement>();

  const limit = (size: number) => {
    const room = (layout.dock === 'bottom' ? window.innerHeight : window.innerWidth) - 40;
    return Math.round(Math.max(MIN_SIZE, Math.min(size, room)));
  };
  const apply = () => {
    host.dataset.dock = layout.dock;
    host.style.setProperty('--pgboot-size', `${limit(layout.size)}px`);
    for (const [dock, element] of dockButtons) element.setAttribute('aria-pressed', String(dock === layout.dock));
    handle.hidden = layout.dock === 'float';
    handle.setAttribute('aria-orientation', layout.dock === 'bottom' ? 'horizontal' : 'vertical');
    handle.setAttribute('aria-valuenow', String(limit(layout.size)));
  };
  const change = (next: Partial<PanelLayout>) => {
    layout = { ...layout, ...next };
    layout.size = limit(layout.size);
    savePanelLayout(name, layout);
    apply();
  };

  const controls = h('span', { class: 'dock', attrs: { role: 'group', 'aria-label': 'Panel position' } });
  for (const dock of DOCKS) {
    const element = button(DOCK_LABELS[dock].text, () => change({ dock }), {
      attrs: { 'aria-label': DOCK_LABELS[dock].label, title: DOCK_LABELS[dock].label },
    });
    dockButtons.set(dock, element);
    controls.append(element);
  }

  // A separator the pointer drags and the keyboard moves (20 px a press, 100 with Shift).
  const handle = h('div', {
    class: 'resize-handle',
    attrs: { role: 'separator', tabindex: 0, 'aria-label': 'Resize the panel', 'aria-valuemin': MIN_SIZE },
    on: {
      pointerdown: (event) => {
        event.preventDefault();
        handle.setPointerCapture(event.pointerId);
        const move = (e: PointerEvent) => {
          layout.size = limit(layout.dock === 'bottom' ? window.innerHeight - e.clientY : window.innerWidth - e.clientX);
          apply();
        };
        const up = () => {
          handle.removeEventListener('pointermove', move);
          handle.removeEventListener('pointerup', up);
          change({});
        };
        handle.addEventListener('pointermove', move);
        handle.addEventListener('pointerup', up);
      },
      keydown: (event) => {
        const step = event.shiftKey ? 100 : 20;
        const grow: Record<string, number> = layout.dock === 'bottom' ? { ArrowUp: step, ArrowDown: -step } : { ArrowLeft: step, ArrowRight: -step };
        const delta = grow[event.key];
        if (delta === undefined) return;
        event.preventDefault();
        change({ size: layout.size + delta });
      },
    },
  });

  apply();
  return {
    controls,
    handle,
    get layout(): PanelLayout {
      return layout;
    },
  };
}
