/**
 * `allMatches(re, text)`: what `[...text.matchAll(re)]` gives, for a global regex, without the copy
 * of the regex that `matchAll` makes on every call. Rules run their patterns over every paragraph,
 * where that copy cost more than the search; most paragraphs match nothing and get a shared empty
 * array, which callers must not modify.
 */
const NONE: readonly RegExpExecArray[] = Object.freeze([]);

export function allMatches(re: RegExp, text: string): readonly RegExpExecArray[] {
  if (!re.global) throw new TypeError(`allMatches needs a global regex: ${re}`);
  re.lastIndex = 0;
  let m = re.exec(text);
  if (!m) return NONE;
  const out: RegExpExecArray[] = [];
  while (m) {
    out.push(m);
    // An empty match must still move on, by a code point under the u flag, as matchAll does.
    if (m[0] === '') re.lastIndex = advance(text, re.lastIndex, re.unicode);
    m = re.exec(text);
  }
  re.lastIndex = 0;
  return out;
}

function advance(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const high = text.charCodeAt(index);
  const low = text.charCodeAt(index + 1);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? index + 2 : index + 1;
}
