/**
 * Lays rows out in aligned columns. Cells may carry ANSI colour codes: widths are measured
 * without them. The last column is not padded.
 */
export function formatTable(rows: readonly (readonly string[])[], indent = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, visibleLength(cell));
  }
  return rows.map(
    (row) =>
      indent +
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - visibleLength(cell))))
        .join('  ')
        .trimEnd(),
  );
}

function visibleLength(text: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the ANSI colour codes (ESC) to measure the visible width
  return text.replace(/\u001b\[\d+m/g, '').length;
}
