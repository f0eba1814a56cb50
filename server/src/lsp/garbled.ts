/**
 * Whether a document's text is garbled: read with the wrong encoding, as a GBK file opened as UTF-8
 * (invalid bytes become U+FFFD) or a UTF-8 file opened as GBK (「鍏充簬」 for 「关于」) or as
 * Latin-1 (「å…³äºŽ」). Findings on such text would be noise: the language server publishes none and
 * says why. No LSP or vscode imports.
 */
import * as iconv from 'iconv-lite';
import { isHan } from '../core/chars';

/** Only the start of a long document is looked at: garbling affects the whole file alike. */
const SAMPLE = 20000;

/** The Han characters of GB2312 (everyday simplified Chinese, all in the BMP), by code unit; built once from the code table. */
let gb2312: Uint8Array | undefined;
function inGb2312(ch: string): boolean {
  if (!gb2312) {
    const bytes: number[] = [];
    for (let a = 0xb0; a <= 0xf7; a++) for (let b = 0xa1; b <= 0xfe; b++) bytes.push(a, b);
    gb2312 = new Uint8Array(0x10000);
    for (const c of iconv.decode(Buffer.from(bytes), 'gb18030')) if (c.length === 1) gb2312[c.charCodeAt(0)] = 1;
  }
  return ch.length === 1 && gb2312[ch.charCodeAt(0)] === 1;
}

/** Why `text` looks garbled, in Chinese; undefined when it reads as text. */
export function garbledReason(text: string): string | undefined {
  const sample = text.length > SAMPLE ? text.slice(0, SAMPLE) : text;
  let replacement = 0;
  let visible = 0;
  let han = 0;
  let rareHan = 0;
  let latin1 = 0;
  for (const ch of sample) {
    if (ch <= ' ') continue;
    visible++;
    if (ch === '\uFFFD') replacement++;
    // The CJK Unified Ideographs block (U+4E00–U+9FFF, all Han) answered without the script test.
    else if ((ch >= '\u4e00' && ch <= '\u9fff') || (ch >= '\u2e80' && isHan(ch))) {
      han++;
      if (!inGb2312(ch)) rareHan++;
    } else if (ch >= '\u0080' && ch <= '\u00ff') latin1++;
  }
  if (visible === 0) return undefined;
  // One stray replacement character in a long text is a pasted glyph; a garbled file has many.
  if (replacement >= 2 && replacement * 50 >= visible)
    return `文中有 ${replacement} 个无法显示的字符（�），可能是 GBK/GB18030 编码的文件被当作 UTF-8 打开`;
  // Chinese read through the wrong table: most characters fall outside everyday Chinese.
  if (han >= 10 && rareHan * 5 >= han * 2)
    return `文中 ${Math.round((rareHan / han) * 100)}% 的汉字是生僻字，可能是 UTF-8 文件被当作 GBK 打开（乱码）`;
  if (latin1 >= 10 && latin1 * 2 >= visible) return '文中满是带符号的西文字母（如「å…³」），可能是 UTF-8 文件被当作西文编码打开（乱码）';
  return undefined;
}
