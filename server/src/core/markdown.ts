/**
 * Markdown: code, link targets, autolinks and HTML tags are not prose. They are blanked out with a
 * filler of the same length before the rules run, so offsets stay valid and nothing inside them is
 * flagged.
 */

/** Private-use filler: neither Han, nor Latin, nor punctuation to any rule. */
export const FILLER = '\uE000';

const INLINE = /<!--.*?-->|`+[^`]*`+|\]\([^)\s]*(?:\s+"[^"]*")?\)|<(?:https?:|mailto:)[^>]*>|<\/?[A-Za-z][^>]*>/g;

const DEFINITION = /^(\s{0,3}):[ \t]/;

function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + FILLER.repeat(end - start) + text.slice(end);
}

/** Masks one document's lines in place of a fence-aware pass. */
export function maskMarkdownLines(lines: readonly string[]): string[] {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of lines) {
    const opener = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence !== undefined) {
      out.push(FILLER.repeat(line.length));
      if (opener && opener[1][0] === fence[0] && opener[1].length >= fence.length) fence = undefined;
      continue;
    }
    if (opener) {
      fence = opener[1];
      out.push(FILLER.repeat(line.length));
      continue;
    }
    if (/^( {4}|\t)/.test(line) && line.trim() !== '') {
      // Indented code block (also matches nested list content; a blank-out there only loses findings).
      out.push(FILLER.repeat(line.length));
      continue;
    }
    let masked = line;
    // A definition list's 「: 」 before a definition (after a line holding the term) is markup.
    const definition = DEFINITION.exec(line);
    if (definition && out.length > 0 && lines[out.length - 1].trim() !== '') {
      masked = blank(masked, definition[1].length, definition[1].length + 1);
    }
    for (const m of line.matchAll(INLINE)) {
      // Keep the brackets of a link target visible: 「](」 and 「)」 are Markdown, not text.
      const start = m[0].startsWith('](') ? m.index! + 1 : m.index!;
      masked = blank(masked, start, m.index! + m[0].length);
    }
    out.push(masked);
  }
  return out;
}
