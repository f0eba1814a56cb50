/**
 * Markdown: code, link targets, autolinks and HTML tags are not prose. They are blanked out with a
 * filler of the same length before the rules run, so offsets stay valid and nothing inside them is
 * flagged.
 */

/** Private-use filler: neither Han, nor Latin, nor punctuation to any rule. */
export const FILLER = '\uE000';

/**
 * The inline spans that are not prose, as the pattern
 * `<!--.*?-->|`+[^`]*`+|\]\([^)\s]*(?:\s+"[^"]*")?\)|<(?:https?:|mailto:)[^>]*>|<\/?[A-Za-z][^>]*>`
 * (global, leftmost first) would find them: comments, code spans, link targets, autolinks, HTML
 * tags. Written out by hand because the pattern takes quadratic time on lines such as 100,000
 * 「<a」 or 「](」 without their closing mark: every start scans to the end of the line again. Here
 * the next closing mark is looked up once and reused while the starts move past it
 * (test/markdown.test.js compares the two on random lines).
 */
export function inlineSpans(line: string): [number, number][] {
  const spans: [number, number][] = [];
  const next = new NextIndex(line);
  const n = line.length;
  let i = 0;
  while (i < n) {
    const end = spanAt(line, i, next);
    if (end > i) {
      spans.push([i, end]);
      i = end;
    } else i++;
  }
  return spans;
}

const DEFINITION = /^(\s{0,3}):[ \t]/;

const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;
const SPACE = /\s/;
const isSpace = (ch: string) => SPACE.test(ch);
const isLinkTargetEnd = (ch: string) => ch === ')' || SPACE.test(ch);

/**
 * The first index from `from` on where a character (or string) occurs, remembered per kind: the
 * scan calls it with growing `from`, so the answer stays valid until `from` passes it, and the
 * line is walked once per kind in all.
 */
class NextIndex {
  private readonly found = new Map<string, { from: number; at: number }>();
  constructor(private readonly line: string) {}

  of(kind: string, from: number, test?: (ch: string) => boolean): number {
    const known = this.found.get(kind);
    if (known && known.from <= from && (known.at === -1 || known.at >= from)) return known.at;
    let at: number;
    if (test) {
      at = -1;
      for (let k = from; k < this.line.length; k++) {
        if (test(this.line[k])) {
          at = k;
          break;
        }
      }
    } else at = this.line.indexOf(kind, from);
    this.found.set(kind, { from, at });
    return at;
  }
}

/** Where a span starting at `i` ends, or `i` when none starts there. */
function spanAt(line: string, i: number, next: NextIndex): number {
  const ch = line[i];
  if (ch === '<') {
    if (line.startsWith('<!--', i)) {
      // .*? : the first 「-->」 after the opener, with no line terminator before it.
      const close = next.of('-->', i + 4);
      if (close !== -1) {
        const stop = next.of('terminator', i + 4, (c) => LINE_TERMINATOR.test(c));
        if (stop === -1 || stop >= close) return close + 3;
      }
    }
    const autolink = line.startsWith('<http:', i) || line.startsWith('<https:', i) || line.startsWith('<mailto:', i);
    const tagStart = line[i + 1] === '/' ? i + 2 : i + 1;
    const tag = /[A-Za-z]/.test(line[tagStart] ?? '');
    if (autolink || tag) {
      const close = next.of('>', tagStart);
      if (close !== -1) return close + 1;
    }
    return i;
  }
  if (ch === '`') {
    let open = i;
    while (line[open] === '`') open++;
    const close = next.of('`', open);
    if (close !== -1) {
      let end = close;
      while (line[end] === '`') end++;
      return end;
    }
    // No later backtick: a run of two or more is a match of its own (one tick opens, one closes).
    return open - i >= 2 ? open : i;
  }
  if (ch === ']' && line[i + 1] === '(') {
    const stop = next.of('target end', i + 2, isLinkTargetEnd);
    if (stop === -1) return i;
    if (line[stop] === ')') return stop + 1;
    // A title: spaces, 「"…"」, then 「)」.
    let q = stop;
    while (q < line.length && isSpace(line[q])) q++;
    if (line[q] !== '"') return i;
    const quote = next.of('"', q + 1);
    return quote !== -1 && line[quote + 1] === ')' ? quote + 2 : i;
  }
  return i;
}

function blankSpans(line: string, spans: readonly [number, number][]): string {
  if (spans.length === 0) return line;
  let out = '';
  let pos = 0;
  for (const [start, end] of spans) {
    out += line.slice(pos, start) + FILLER.repeat(end - start);
    pos = end;
  }
  return out + line.slice(pos);
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
    const spans: [number, number][] = [];
    // A definition list's 「: 」 before a definition (after a line holding the term) is markup.
    const definition = DEFINITION.exec(line);
    if (definition && out.length > 0 && lines[out.length - 1].trim() !== '') spans.push([definition[1].length, definition[1].length + 1]);
    // Keep the bracket of a link target visible: 「]」 is Markdown, not text.
    for (const [start, end] of inlineSpans(line)) spans.push([line.startsWith('](', start) ? start + 1 : start, end]);
    out.push(blankSpans(line, spans));
  }
  return out;
}
