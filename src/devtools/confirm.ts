import { button, h, type Child } from './dom.js';

export interface ConfirmRequest {
  title: string;
  /** What will happen, as text (strings become text nodes). */
  body: Child | Child[];
  /** The confirming button's label, e.g. "Reset". */
  confirmLabel: string;
  /** Offer "take a snapshot first" (for actions that change or drop data). */
  offerSnapshot?: boolean;
}

export interface ConfirmAnswer {
  confirmed: boolean;
  snapshotFirst: boolean;
}

/**
 * Shows an in-panel confirmation (an `alertdialog`, not `window.confirm`, so tests and keyboard
 * users drive it like any other part of the panel). Focus starts on Cancel, Tab stays inside,
 * and Escape cancels. The caller puts focus back afterwards (the control it came from may
 * have been redrawn meanwhile).
 *
 * @example
 * const { confirmed } = await askConfirm(panel, { title: 'Reset?', body: '...', confirmLabel: 'Reset' });
 */
export function askConfirm(container: HTMLElement, request: ConfirmRequest): Promise<ConfirmAnswer> {
  return new Promise((resolve) => {
    const snapshot = request.offerSnapshot ? h('input', { attrs: { type: 'checkbox' } }) : undefined;
    const finish = (confirmed: boolean) => {
      backdrop.remove();
      resolve({ confirmed, snapshotFirst: confirmed && (snapshot?.checked ?? false) });
    };
    const cancel = button('Cancel', () => finish(false));
    const confirm = button(request.confirmLabel, () => finish(true), { class: 'danger solid' });
    const titleId = `pgboot-confirm-${Math.random().toString(36).slice(2)}`;
    const dialog = h(
      'div',
      { class: 'confirm', attrs: { role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': titleId } },
      h('h3', { attrs: { id: titleId } }, request.title),
      h('div', { class: 'body' }, request.body),
      snapshot ? h('label', {}, snapshot, 'Take a snapshot first, to undo this with Restore') : null,
      h('div', { class: 'buttons' }, cancel, confirm),
    );
    const backdrop = h('div', { class: 'confirm-backdrop' }, dialog);
    backdrop.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation(); // Escape closes the dialog, not the panel
        finish(false);
      } else if (event.key === 'Tab') {
        trapTab(event, dialog);
      }
    });
    container.append(backdrop);
    cancel.focus();
  });
}

function trapTab(event: KeyboardEvent, dialog: HTMLElement): void {
  const focusable = [...dialog.querySelectorAll<HTMLElement>('button, input')].filter((el) => !(el as HTMLButtonElement).disabled);
  const first = focusable[0];
  const last = focusable.at(-1);
  const active = (dialog.getRootNode() as ShadowRoot).activeElement;
  if (event.shiftKey && active === first) {
    event.preventDefault();
    last?.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first?.focus();
  }
}
