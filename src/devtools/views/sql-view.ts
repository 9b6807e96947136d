import type { Results } from '@electric-sql/pglite';
import { describeError } from '../describe-error.js';
import { button, h, replaceChildren, table } from '../dom.js';
import { formatDuration, formatValue, plural } from '../format.js';
import type { PanelContext, View } from '../panel-context.js';

/** Rows shown per result set; the rest are counted, not rendered. */
const MAX_ROWS = 500;

export interface SqlView extends View {
  /** Puts `sql` in the editor and runs it. */
  runSql(sql: string): void;
}

/** The SQL tab: an editor (Ctrl/Cmd+Enter runs it) and every result set as a table. */
export function createSqlView(ctx: PanelContext, options: { initial: string; onInput: (sql: string) => void }): SqlView {
  const editor = h('textarea', {
    attrs: { 'aria-label': 'SQL', spellcheck: 'false', placeholder: 'SELECT * FROM _migrations;' },
    props: { value: options.initial },
    on: {
      input: () => options.onInput(editor.value),
      keydown: (event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          run();
        }
      },
    },
  });
  const runButton = button('Run', () => run(), { class: 'primary', attrs: { title: 'Ctrl+Enter' } });
  const output = h('div', { class: 'result', attrs: { 'aria-live': 'polite' } });
  const element = h(
    'div',
    {},
    editor,
    h('div', { class: 'toolbar' }, runButton, h('span', { class: 'note' }, 'Ctrl+Enter runs it. Several statements run as one implicit transaction.')),
    output,
  );

  const run = () => {
    const sql = editor.value.trim();
    if (!sql || ctx.busy || !ctx.hasDb) return;
    const started = performance.now();
    void ctx.run(
      'Running the query…',
      async () => {
        try {
          const results = await ctx.actions.runSql(sql);
          renderResults(output, results, performance.now() - started);
          return `Query done in ${formatDuration(performance.now() - started)}.`;
        } catch (error) {
          // A query error belongs under the query, not in the panel's error box.
          replaceChildren(output, h('pre', { class: 'query-error', attrs: { role: 'alert' } }, describeError(error).text));
          return 'The query failed.';
        }
      },
      { change: 'sql' },
    );
  };

  return {
    element,
    update: () => {
      runButton.disabled = ctx.busy || !ctx.hasDb;
      runButton.title = ctx.hasDb ? 'Ctrl+Enter' : 'The database is not open (the boot failed)';
    },
    shown: () => editor.focus(),
    runSql(sql: string) {
      editor.value = sql;
      options.onInput(sql);
      run();
    },
  };
}

function renderResults(output: HTMLElement, results: Results[], ms: number): void {
  const sets = results.map((result, index) => {
    const title = results.length > 1 ? `Statement ${index + 1}: ` : '';
    if (result.fields.length === 0) {
      return h('h3', {}, `${title}OK${result.affectedRows !== undefined ? `, ${plural(result.affectedRows, 'row')} affected` : ''}`);
    }
    const shown = result.rows.slice(0, MAX_ROWS);
    return h(
      'div',
      {},
      h('h3', {}, `${title}${plural(result.rows.length, 'row')}${result.rows.length > MAX_ROWS ? ` (first ${MAX_ROWS} shown)` : ''}`),
      table(
        `Result ${index + 1}`,
        result.fields.map((field) => field.name),
        shown.map((row) =>
          h(
            'tr',
            {},
            result.fields.map((field) => {
              const value = (row as Record<string, unknown>)[field.name];
              return h('td', { class: value === null || value === undefined ? 'null' : undefined }, formatValue(value));
            }),
          ),
        ),
      ),
    );
  });
  replaceChildren(output, h('p', { class: 'note' }, `${plural(results.length, 'statement')} in ${formatDuration(ms)}`), sets);
}
