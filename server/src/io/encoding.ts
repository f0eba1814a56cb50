/**
 * Reading and writing documents in the encodings offices use: UTF-8 (with or without BOM),
 * UTF-16 LE/BE (with BOM, or recognised by its zero bytes), and GB18030 (a superset of GBK and
 * GB2312). A file is written back in the encoding, and with the BOM, it was read with — and only
 * when its bytes decode and encode again exactly: otherwise writing would change bytes nobody
 * flagged (an invalid byte comes back as U+FFFD's bytes, a last odd byte of UTF-16 is dropped).
 * Such a file is still checked; `unwritable` says why fixes are not written.
 */
import * as iconv from 'iconv-lite';

export type Encoding = 'utf8' | 'utf16le' | 'utf16be' | 'gb18030' | 'shift_jis';

export interface Decoded {
  text: string;
  encoding: Encoding;
  bom: boolean;
  /** Why fixes must not be written back to this file; undefined when its bytes round-trip exactly. */
  unwritable?: string;
}

export class DecodeError extends Error {}

/**
 * Share of characters that occur in Chinese documents: Han, CJK punctuation, printable ASCII,
 * whitespace, and the symbols 公文 use (× ÷ · of placeholders and formulas, ①, Ⅰ, ○ □ ★, emoji).
 * A misread file yields Hangul, kana, rare Han characters and odd symbols instead; and a short file
 * that --fix wrote must read as it did before (「××关健😀」 was once 0.89 after its fix).
 */
const PLAUSIBLE =
  /[\p{Script=Han}\p{Extended_Pictographic}\u3000-\u303f\uff00-\uffef\u2010-\u206f\x20-\x7e\t\r\n\u00b7\u00d7\u00f7\u2160-\u217f\u2460-\u24ff\u25a0-\u25ff\u2605\u2606]/u;
function plausibility(text: string): number {
  let good = 0;
  let total = 0;
  for (const ch of text) {
    // Control characters say nothing either way: every reading keeps bytes below 0x20 as they are.
    if (ch < ' ' && ch !== '\t' && ch !== '\r' && ch !== '\n') continue;
    total++;
    if (PLAUSIBLE.test(ch)) good++;
  }
  return total === 0 ? 1 : good / total;
}

/** The file's bytes after its BOM. */
function bodyOf(buf: Buffer, d: Decoded): Buffer {
  return d.bom ? buf.subarray(d.encoding === 'utf8' ? 3 : 2) : buf;
}

/** Marks `d` unwritable when its text does not encode back to exactly the bytes it came from. */
function checkRoundTrip(buf: Buffer, d: Decoded): Decoded {
  if (d.unwritable) return d;
  const body = bodyOf(buf, d);
  if ((d.encoding === 'utf16le' || d.encoding === 'utf16be') && body.length % 2 === 1) {
    return { ...d, unwritable: 'UTF-16 文件的字节数是奇数（末尾有半个字符），写回会丢掉这个字节' };
  }
  if (iconv.encode(d.text, d.encoding).equals(body)) return d;
  return { ...d, unwritable: `文件中有不合 ${ENCODING_LABEL[d.encoding]} 编码的字节，写回会改动它们` };
}

/**
 * Share of the double-byte characters of a GB18030 reading that lie in GB2312 (the 7,445
 * characters of everyday simplified Chinese). Chinese documents in GBK are nearly all GB2312
 * (the published reports and laws of the development set: 100%); Japanese Shift-JIS read as GBK
 * has none, Big5 about half.
 */
function gb2312Share(buf: Buffer): { count: number; share: number } {
  let count = 0;
  let inGb2312 = 0;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (b < 0x80) continue;
    count++;
    const b2 = buf[i + 1];
    if (b2 >= 0x30 && b2 <= 0x39) {
      i += 3; // a four-byte GB18030 sequence
      continue;
    }
    if (b >= 0xa1 && b <= 0xf7 && b2 >= 0xa1 && b2 <= 0xfe) inGb2312++;
    i++;
  }
  return { count, share: count === 0 ? 1 : inGb2312 / count };
}

/** Share of kana (hiragana and katakana) among the characters outside ASCII. */
function kanaShare(text: string): number {
  let wide = 0;
  let kana = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    wide++;
    if (c >= 0x3041 && c <= 0x30ff) kana++;
  }
  return wide === 0 ? 0 : kana / wide;
}

/**
 * A file read as GB18030 that may be in another legacy encoding: checked, never written. Japanese
 * Shift-JIS (kana when read so) is read as Shift-JIS, so that what is shown is its text.
 */
function legacyCheck(buf: Buffer, gb: Decoded): Decoded {
  const { count, share } = gb2312Share(buf);
  if (count < 8 || share >= 0.9) return gb;
  const sjis = iconv.decode(buf, 'shift_jis');
  if (!sjis.includes('\uFFFD') && kanaShare(sjis) >= 0.1) {
    return { text: sjis, encoding: 'shift_jis', bom: false, unwritable: '看起来是日文 Shift-JIS 编码（含假名），只检查，不写回' };
  }
  return {
    ...gb,
    unwritable: `按 GB18030 读出的字符有 ${Math.round((1 - share) * 100)}% 不在常用汉字（GB2312）之内，可能是 Big5 等其他编码，只检查，不写回`,
  };
}

export function decode(buf: Buffer): Decoded {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return checkRoundTrip(buf, { text: iconv.decode(buf.subarray(3), 'utf8'), encoding: 'utf8', bom: true });
  }
  if (buf[0] === 0xff && buf[1] === 0xfe)
    return checkRoundTrip(buf, { text: iconv.decode(buf.subarray(2), 'utf16le'), encoding: 'utf16le', bom: true });
  if (buf[0] === 0xfe && buf[1] === 0xff)
    return checkRoundTrip(buf, { text: iconv.decode(buf.subarray(2), 'utf16be'), encoding: 'utf16be', bom: true });
  const hasNul = buf.includes(0);
  if (!hasNul) {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf8', bom: false };
    } catch {
      /* not UTF-8: try the others */
    }
  }
  // Without a BOM, decode with each remaining candidate and keep the one that reads most like
  // Chinese text. GB18030 decodes any GBK/GB2312 file; UTF-16 text has NUL bytes only in ASCII
  // (an odd length is a damaged UTF-16 file: read, never written).
  const candidates: Encoding[] = hasNul || buf.length % 2 === 0 ? ['utf16le', 'utf16be'] : [];
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
  // A short GBK file with a control character or an odd symbol falls under 0.9 on the share alone
  // (and one that --fix shortened could fall under it after the fix): bytes that decode and encode
  // back exactly, nearly all as everyday GB2312 characters, are GB text whatever the share.
  if (best && bestScore < 0.9 && best.encoding === 'gb18030') {
    const { count, share } = gb2312Share(buf);
    if (count >= 1 && share >= 0.9 && iconv.encode(best.text, 'gb18030').equals(buf)) bestScore = 1;
  }
  if (!best || bestScore < 0.9) {
    throw new DecodeError(
      hasNul ? '不是文本文件（含有二进制内容），已跳过' : '无法识别文件编码（不是 UTF-8、UTF-16 或 GB18030/GBK），已跳过',
    );
  }
  return checkRoundTrip(buf, best.encoding === 'gb18030' ? legacyCheck(buf, best) : best);
}

export function encode(d: Decoded): Buffer {
  if (d.unwritable) throw new DecodeError(d.unwritable);
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
  shift_jis: 'Shift-JIS',
};

/** A replacement of text[offset, offset + length) by `text`, in the decoded text's code units. */
export interface TextEdit {
  offset: number;
  length: number;
  text: string;
}

/**
 * The file's bytes with `edits` (sorted, not overlapping) made: the bytes of each edited span are
 * replaced by the encoding of its new text, and every other byte is copied from `buf` as it was —
 * and checked to be what the text between the edits encodes to, so that a mismatch refuses the
 * write rather than corrupting the file.
 */
export function spliceEdits(buf: Buffer, d: Decoded, edits: readonly TextEdit[]): Buffer {
  if (d.unwritable) throw new DecodeError(d.unwritable);
  const body = bodyOf(buf, d);
  const out: Buffer[] = [buf.subarray(0, buf.length - body.length)];
  let pos = 0; // in the text
  let byte = 0; // in the body
  const copy = (end: number) => {
    const bytes = iconv.encode(d.text.slice(pos, end), d.encoding);
    if (!bytes.equals(body.subarray(byte, byte + bytes.length))) throw new DecodeError('重新编码与原文件的字节不一致');
    out.push(body.subarray(byte, byte + bytes.length));
    byte += bytes.length;
    pos = end;
  };
  for (const e of edits) {
    if (e.offset < pos) throw new DecodeError('修改互相重叠');
    copy(e.offset);
    const old = iconv.encode(d.text.slice(e.offset, e.offset + e.length), d.encoding);
    if (!old.equals(body.subarray(byte, byte + old.length))) throw new DecodeError('重新编码与原文件的字节不一致');
    byte += old.length;
    pos = e.offset + e.length;
    out.push(iconv.encode(e.text, d.encoding));
  }
  copy(d.text.length);
  if (byte !== body.length) throw new DecodeError('重新编码与原文件的字节不一致');
  return Buffer.concat(out);
}
