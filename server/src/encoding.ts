/**
 * Reading and writing documents in the encodings offices use: UTF-8 (with or without BOM),
 * UTF-16 LE/BE (with BOM, or recognised by its zero bytes), and GB18030 (a superset of GBK and
 * GB2312). A file is written back in the encoding, and with the BOM, it was read with.
 */
import * as iconv from 'iconv-lite';

export type Encoding = 'utf8' | 'utf16le' | 'utf16be' | 'gb18030';

export interface Decoded {
  text: string;
  encoding: Encoding;
  bom: boolean;
}

export class DecodeError extends Error {}

/** Share of characters that occur in Chinese documents: Han, CJK punctuation, printable ASCII, whitespace. */
function plausibility(text: string): number {
  if (text.length === 0) return 1;
  let good = 0;
  let total = 0;
  for (const ch of text) {
    total++;
    if (/[\p{Script=Han}\u3000-\u303f\uff00-\uffef\u2010-\u206f\x20-\x7e\t\r\n]/u.test(ch)) good++;
  }
  return good / total;
}

export function decode(buf: Buffer): Decoded {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: iconv.decode(buf.subarray(3), 'utf8'), encoding: 'utf8', bom: true };
  }
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: iconv.decode(buf.subarray(2), 'utf16le'), encoding: 'utf16le', bom: true };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: iconv.decode(buf.subarray(2), 'utf16be'), encoding: 'utf16be', bom: true };
  const hasNul = buf.includes(0);
  if (!hasNul) {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf8', bom: false };
    } catch {
      /* not UTF-8: try the others */
    }
  }
  // Without a BOM, decode with each remaining candidate and keep the one that reads most like
  // Chinese text. GB18030 decodes any GBK/GB2312 file; UTF-16 text has NUL bytes only in ASCII.
  const candidates: Encoding[] = buf.length % 2 === 0 ? ['utf16le', 'utf16be'] : [];
  if (!hasNul) candidates.push('gb18030');
  let best: Decoded | undefined;
  let bestScore = 0;
  for (const encoding of candidates) {
    const text = iconv.decode(buf, encoding);
    const score = plausibility(text.slice(0, 20000));
    if (score > bestScore) {
      best = { text, encoding, bom: false };
      bestScore = score;
    }
  }
  if (!best || bestScore < 0.9) {
    throw new DecodeError(hasNul ? '不是文本文件（含有二进制内容），已跳过' : '无法识别文件编码（不是 UTF-8、UTF-16 或 GB18030/GBK），已跳过');
  }
  return best;
}

export function encode(d: Decoded): Buffer {
  const body = iconv.encode(d.text, d.encoding);
  if (!d.bom) return body;
  const bom = d.encoding === 'utf8' ? [0xef, 0xbb, 0xbf] : d.encoding === 'utf16le' ? [0xff, 0xfe] : [0xfe, 0xff];
  return Buffer.concat([Buffer.from(bom), body]);
}

export const ENCODING_LABEL: Record<Encoding, string> = {
  utf8: 'UTF-8',
  utf16le: 'UTF-16LE',
  utf16be: 'UTF-16BE',
  gb18030: 'GB18030',
};
