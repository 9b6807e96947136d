/** The colour sequences `colors.ts` writes; everything else that drives a terminal is escaped. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matches pgboot's own colour codes, which start with ESC
const OWN_COLOR = /^\u001b\[(?:1|2|22|31|32|33|36|39)m/;
// C0 controls but tab and newline, DEL, C1 controls, and the bidi overrides that reorder what is shown.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finds the control characters this module escapes
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A line made safe for a terminal: control characters from file names, ids, SQL and Postgres
 * messages (clear-screen, window-title and cursor sequences, carriage returns) are shown
 * escaped (`\x1b`), so nothing in a migrations folder can rewrite what the user sees. With
 * `keepColors`, pgboot's own colour sequences pass.
 *
 * @example
 * terminalText('boom\x1b]0;pwned\x07', false); // 'boom\\x1b]0;pwned\\x07'
 */
export function terminalText(line: string, keepColors: boolean): string {
  return line.replace(CONTROL, (char, offset: number) => {
    if (keepColors && char === '\u001b' && OWN_COLOR.test(line.slice(offset, offset + 5))) return char;
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
