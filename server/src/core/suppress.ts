/**
 * Inline switches a writer puts in the text to silence rules:
 *
 *   // gongwen-disable-next-line [rule …]      <!-- gongwen-disable-next-line [rule …] -->
 *   // gongwen-disable [rule …]                <!-- gongwen-disable [rule …] -->
 *   // gongwen-enable [rule …]                 <!-- gongwen-enable [rule …] -->
 *
 * Without rule ids a switch covers every rule. The `//` form works in any file (a line holding only
 * the comment); the `<!-- -->` form is Markdown's comment. Comment lines are never checked themselves.
 */

const DIRECTIVE = /^\s*(?:\/\/|<!--)\s*gongwen-(disable-next-line|disable|enable)\b(.*?)(?:-->)?\s*$/;

/**
 * A set of silenced rules: `all` with exceptions (rules re-enabled inside a disable-all region), or
 * the listed rules only.
 */
export interface Silence {
  all: boolean;
  /** With `all`: the rules still checked. Without: the rules silenced. */
  ids: Set<string>;
}

export interface Suppression {
  /** Paragraphs that are directives: not checked. */
  directive: boolean;
  silence: Silence;
}

const NONE = (): Silence => ({ all: false, ids: new Set() });

function parseRules(list: string): string[] | 'all' {
  const ids = list.split(/[\s,]+/).filter((s) => s !== '');
  return ids.length === 0 ? 'all' : ids;
}

function disable(s: Silence, rules: string[] | 'all'): Silence {
  if (rules === 'all') return { all: true, ids: new Set() };
  if (s.all) return { all: true, ids: new Set([...s.ids].filter((r) => !rules.includes(r))) };
  return { all: false, ids: new Set([...s.ids, ...rules]) };
}

function enable(s: Silence, rules: string[] | 'all'): Silence {
  if (rules === 'all') return NONE();
  if (s.all) return { all: true, ids: new Set([...s.ids, ...rules]) };
  return { all: false, ids: new Set([...s.ids].filter((r) => !rules.includes(r))) };
}

function combine(a: Silence, b: Silence): Silence {
  if (a.all && b.all) return { all: true, ids: new Set([...a.ids].filter((r) => b.ids.has(r))) };
  if (a.all) return { all: true, ids: new Set([...a.ids].filter((r) => !b.ids.has(r))) };
  if (b.all) return combine(b, a);
  return { all: false, ids: new Set([...a.ids, ...b.ids]) };
}

/** Per paragraph, what is silenced; undefined when the document holds no directive at all. */
export function suppressions(paragraphs: readonly string[]): Suppression[] | undefined {
  if (!paragraphs.some((p) => p.includes('gongwen-'))) return undefined;
  const out: Suppression[] = [];
  let region = NONE();
  let nextLine = NONE();
  for (const text of paragraphs) {
    const m = DIRECTIVE.exec(text);
    if (m) {
      const rules = parseRules(m[2]);
      if (m[1] === 'disable-next-line') nextLine = disable(nextLine, rules);
      else if (m[1] === 'disable') region = disable(region, rules);
      else region = enable(region, rules);
      out.push({ directive: true, silence: { all: true, ids: new Set() } });
      continue;
    }
    out.push({ directive: false, silence: combine(region, nextLine) });
    if (text.trim() !== '') nextLine = NONE();
  }
  return out;
}

export function isSilenced(s: Suppression | undefined, rule: string): boolean {
  if (!s) return false;
  return s.silence.all ? !s.silence.ids.has(rule) : s.silence.ids.has(rule);
}
