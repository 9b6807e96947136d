import { button, h, replaceChildren, table } from '../dom.js';
import { quoteIdentifier, type SchemaTable } from '../schema.js';
import type { PanelContext, View } from '../panel-context.js';

/** The Schema tab: tables and views (information_schema), their columns, and a way to see their rows. */
export function createSchemaView(ctx: PanelContext): View {
  let tables: SchemaTable[] = [];
  let selected: string | undefined;
  let error: string | undefined;
  const list = h('ul', { attrs: { 'aria-label': 'Tables' } });
  const detail = h('div');
  const element = h('div', { class: 'schema' }, list, detail);
  const keyOf = (t: SchemaTable) => `${t.schema}.${t.name}`;

  const load = async () => {
    try {
      tables = await ctx.actions.readSchema();
      error = undefined;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    render();
  };

  const render = () => {
    if (error) {
      replaceChildren(list);
      replaceChildren(detail, h('pre', { class: 'query-error' }, error));
      return;
    }
    if (!tables.some((t) => keyOf(t) === selected)) selected = tables[0] && keyOf(tables[0]);
    replaceChildren(
      list,
      tables.map((table) =>
        h(
          'li',
          {},
          button(
            [
              table.schema === 'public' ? table.name : `${table.schema}.${table.name}`,
              h('span', { class: 'kind' }, table.kind === 'VIEW' ? 'view' : rowsLabel(table)),
            ],
            () => {
              selected = keyOf(table);
              render();
              list.querySelector<HTMLButtonElement>('button[aria-current="true"]')?.focus();
            },
            { attrs: { 'aria-current': keyOf(table) === selected ? 'true' : 'false', 'data-table': keyOf(table) } },
          ),
        ),
      ),
    );
    const shown = tables.find((t) => keyOf(t) === selected);
    if (!shown) {
      replaceChildren(detail, h('p', { class: 'empty' }, 'No tables yet.'));
      return;
    }
    const qualified = `${quoteIdentifier(shown.schema)}.${quoteIdentifier(shown.name)}`;
    replaceChildren(
      detail,
      h(
        'div',
        { class: 'toolbar' },
        h('strong', { class: 'id' }, `${shown.schema}.${shown.name}`),
        h('span', { class: 'spacer' }),
        button('Show rows', () => ctx.showSql(`SELECT * FROM ${qualified} LIMIT 100;`), { attrs: { 'aria-label': `Show rows of ${shown.name}` } }),
      ),
      table(
        `Columns of ${shown.name}`,
        ['Column', 'Type', 'Null', 'Default'],
        shown.columns.map((column) =>
          h(
            'tr',
            {},
            h('td', { class: 'id' }, column.name),
            h('td', { class: 'mono' }, column.type),
            h('td', {}, column.nullable ? 'yes' : 'no'),
            h('td', { class: 'mono' }, column.default ?? ''),
          ),
        ),
      ),
    );
  };

  return { element, update: () => void load(), shown: () => void load() };
}

function rowsLabel(table: SchemaTable): string {
  return table.estimatedRows >= 0 ? `~${Math.round(table.estimatedRows)} rows` : '';
}
