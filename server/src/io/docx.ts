/**
 * Word documents (.docx, Office Open XML): their text for the checker, and fixes written back.
 * Used by the CLI and the VS Code client; no I/O here (callers read and write the bytes), no LSP or
 * vscode imports. The zip is read and written with fflate, the XML parsed with saxes.
 *
 * Reading: the text of the main document in reading order — paragraphs, table cells, text boxes
 * (after the paragraph that anchors them), then footnotes and endnotes — one Word paragraph a line.
 * Tracked changes read as accepted (inserted text in, deleted and moved-away text out), fields as
 * their displayed result, hidden text left out, and the labels Word generates for numbered
 * paragraphs (「一、」 of a list style) put in front of their paragraph, as the page shows them.
 *
 * Every character read from a `<w:t>` remembers where its element's content lies in the part's XML
 * (a Piece), so that a fix whose span lies inside one such run replaces just those characters in
 * the XML. Generated text (numbering labels, tabs) and spans crossing runs cannot be fixed here.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped, type Zippable } from 'fflate';
import { SaxesParser, type SaxesTagPlain } from 'saxes';

/** Why a .docx could not be read or written, in Chinese, ready to show. */
export class DocxError extends Error {}

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const STRICT_NS = 'http://purl.oclc.org/ooxml/wordprocessingml/main';
const REL_OFFICE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
const REL_STRICT = 'http://purl.oclc.org/ooxml/officeDocument/relationships/';

/** Decompressed size above which a package is refused (a zip bomb, or no 公文). */
export const MAX_UNZIPPED_BYTES = 256 * 1024 * 1024;

/** A stretch of the extracted text read from the content of one `<w:t>` element. */
export interface Piece {
  /** In the extracted text, UTF-16 code units. */
  offset: number;
  length: number;
  part: string;
  /** The element's content in the part's XML string: [rawStart, rawEnd). */
  rawStart: number;
  rawEnd: number;
  /** The run's properties as written (`<w:rPr>…</w:rPr>`, or '' for none): runs alike in this are formatted alike. */
  props: string;
}

/** A whole paragraph of the body, with its mark: what a fix deleting that line removes. */
export interface Paragraph {
  offset: number;
  /** After its line feed. */
  end: number;
  part: string;
  /** The `<w:p>` element in the part's XML. */
  rawStart: number;
  rawEnd: number;
}

export interface DocxText {
  /** One Word paragraph a line, joined by '\n'. */
  text: string;
  /** Sorted by offset, not overlapping. */
  pieces: Piece[];
  /** The body's paragraphs that a fix may delete whole, sorted. */
  paragraphs: Paragraph[];
  /** Where each part's text begins, for showing it: 「正文」 at 0, then 「脚注」 and 「尾注」 if any. */
  sections: { name: string; offset: number }[];
  /** The package's entries, decompressed, in their order; and the XML of the parts read. */
  entries: Unzipped;
  xml: Map<string, string>;
}

/** Which of the other formats a name is, and how to say so; undefined for a format we read. */
export function unsupportedFormat(fileName: string): string | undefined {
  const ext = /\.[^./\\]+$/.exec(fileName)?.[0].toLowerCase();
  const names: Record<string, string> = {
    '.doc': 'Word 97-2003 文档（.doc）',
    '.wps': 'WPS 文字文档（.wps）',
    '.pdf': 'PDF 文件',
    '.odt': 'OpenDocument 文本（.odt）',
    '.rtf': 'RTF 文档',
    '.docm': '含宏的 Word 文档（.docm）',
    '.dotx': 'Word 模板（.dotx）',
  };
  const name = ext ? names[ext] : undefined;
  return name && `${name}无法直接检查，请另存为 .docx 或 .txt 后再检查`;
}

// ---------------------------------------------------------------- the package

function unzip(bytes: Uint8Array): Unzipped {
  const sig = bytes.subarray(0, 4);
  if (sig[0] === 0xd0 && sig[1] === 0xcf && sig[2] === 0x11 && sig[3] === 0xe0) {
    throw new DocxError('文件已加密（设了打开密码），或其实是旧版 Word（.doc）格式：请去掉密码或另存为 .docx 后再检查');
  }
  if (!(sig[0] === 0x50 && sig[1] === 0x4b)) throw new DocxError('不是有效的 .docx 文件（不是 zip 压缩包），可能已损坏');
  let total = 0;
  try {
    return unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        if (total > MAX_UNZIPPED_BYTES) throw new DocxError(`解压后超过 ${MAX_UNZIPPED_BYTES / 1048576} MB，已跳过`);
        return true;
      },
    });
  } catch (err) {
    if (err instanceof DocxError) throw err;
    throw new DocxError(`.docx 文件已损坏（zip 压缩包无法解开：${err instanceof Error ? err.message : String(err)}）`);
  }
}

/** A part's XML as a string; refused unless it is UTF-8 that encodes back to the same bytes. */
function partText(entries: Unzipped, name: string): string | undefined {
  const data = entries[name];
  if (!data) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(data);
  } catch {
    throw new DocxError(`文档部件 ${name} 不是 UTF-8 编码的 XML，无法读取`);
  }
  return text;
}

/** Calls `onTag` for each element of an XML string (for the small parts: relationships, styles, numbering). */
function walkXml(xml: string, part: string, onTag: (tag: SaxesTagPlain, open: boolean) => void): void {
  const parser = new SaxesParser({ position: false });
  parser.on('opentag', (t) => onTag(t as SaxesTagPlain, true));
  parser.on('closetag', (t) => onTag(t as SaxesTagPlain, false));
  try {
    parser.write(xml).close();
  } catch (err) {
    throw new DocxError(`文档部件 ${part} 的 XML 有误：${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
}

/** The targets of a relationships part, by type (the last segment of the type URI). */
function relationships(entries: Unzipped, relsName: string, base: string): { type: string; target: string }[] {
  const xml = partText(entries, relsName);
  if (xml === undefined) return [];
  const out: { type: string; target: string }[] = [];
  walkXml(xml, relsName, (t, open) => {
    if (!open || localName(t.name) !== 'Relationship') return;
    const type = String(t.attributes.Type ?? '');
    if (type.startsWith(REL_STRICT))
      throw new DocxError('这是 Strict Open XML 格式的文档，暂不支持：请在 Word 中另存为普通的「Word 文档（.docx）」后再检查');
    if (String(t.attributes.TargetMode ?? '') === 'External') return;
    out.push({
      type: type.startsWith(REL_OFFICE) ? type.slice(REL_OFFICE.length) : type,
      target: resolvePart(base, String(t.attributes.Target ?? '')),
    });
  });
  return out;
}

function resolvePart(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base ? base.split('/') : [];
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

// ---------------------------------------------------------------- numbering

interface Level {
  start: number;
  format: string;
  text: string;
}
interface Numbering {
  abstract: Map<string, Map<number, Level>>;
  nums: Map<string, { abstractId: string; starts: Map<number, number> }>;
}

function readNumbering(xml: string | undefined, part: string): Numbering {
  const numbering: Numbering = { abstract: new Map(), nums: new Map() };
  if (xml === undefined) return numbering;
  let abstract: Map<number, Level> | undefined;
  let level: Level | undefined;
  let num: { abstractId: string; starts: Map<number, number> } | undefined;
  let overrideLevel = -1;
  walkXml(xml, part, (t, open) => {
    const name = t.name;
    const val = String(t.attributes['w:val'] ?? '');
    if (!open) {
      if (name === 'w:abstractNum') abstract = undefined;
      else if (name === 'w:lvl') level = undefined;
      else if (name === 'w:num') num = undefined;
      return;
    }
    if (name === 'w:abstractNum') numbering.abstract.set(String(t.attributes['w:abstractNumId']), (abstract = new Map()));
    else if (name === 'w:lvl' && abstract)
      abstract.set(Number(t.attributes['w:ilvl'] ?? 0), (level = { start: 1, format: 'decimal', text: '' }));
    else if (name === 'w:start' && level) level.start = Number(val) || 0;
    else if (name === 'w:numFmt' && level) level.format = val;
    else if (name === 'w:lvlText' && level) level.text = val;
    else if (name === 'w:num') numbering.nums.set(String(t.attributes['w:numId']), (num = { abstractId: '', starts: new Map() }));
    else if (name === 'w:abstractNumId' && num) num.abstractId = val;
    else if (name === 'w:lvlOverride' && num) overrideLevel = Number(t.attributes['w:ilvl'] ?? 0);
    else if (name === 'w:startOverride' && num) num.starts.set(overrideLevel, Number(val) || 0);
  });
  return numbering;
}

interface StyleNum {
  numId?: string;
  ilvl?: number;
  basedOn?: string;
}
function readStyles(xml: string | undefined, part: string): Map<string, StyleNum> {
  const styles = new Map<string, StyleNum>();
  if (xml === undefined) return styles;
  let style: StyleNum | undefined;
  walkXml(xml, part, (t, open) => {
    if (!open) {
      if (t.name === 'w:style') style = undefined;
      return;
    }
    const val = String(t.attributes['w:val'] ?? '');
    if (t.name === 'w:style' && t.attributes['w:type'] === 'paragraph') styles.set(String(t.attributes['w:styleId']), (style = {}));
    else if (!style) return;
    else if (t.name === 'w:basedOn') style.basedOn = val;
    else if (t.name === 'w:numId') style.numId = val;
    else if (t.name === 'w:ilvl') style.ilvl = Number(val) || 0;
  });
  return styles;
}

const CN_DIGITS = '〇一二三四五六七八九';
function chineseCount(n: number, digits = CN_DIGITS, ten = '十'): string {
  if (n <= 0 || n >= 100) return String(n);
  if (n < 10) return digits[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens === 1 ? '' : digits[tens]) + ten + (ones ? digits[ones] : '');
}
function letters(n: number, base: string): string {
  if (n <= 0) return String(n);
  const ch = base[(n - 1) % 26];
  return ch.repeat(Math.floor((n - 1) / 26) + 1);
}
function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [v, s] of table) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}

/** A number as a level format shows it (the formats 公文 use, and the common Western ones). */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
      return chineseCount(n);
    case 'ideographDigital':
    case 'taiwaneseDigital':
      return [...String(n)].map((d) => CN_DIGITS[Number(d)]).join('');
    case 'chineseLegalSimplified':
      return chineseCount(n, '零壹贰叁肆伍陆柒捌玖', '拾');
    case 'ideographTraditional':
      return n >= 1 && n <= 10 ? '甲乙丙丁戊己庚辛壬癸'[n - 1] : String(n);
    case 'ideographZodiac':
      return n >= 1 && n <= 12 ? '子丑寅卯辰巳午未申酉戌亥'[n - 1] : String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
    case 'ideographEnclosedCircle':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case 'decimalEnclosedParen':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2474 + n - 1) : `(${n})`;
    case 'decimalEnclosedFullstop':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2488 + n - 1) : `${n}.`;
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return [...String(n)].map((d) => String.fromCharCode(0xff10 + Number(d))).join('');
    case 'decimalZero':
      return String(n).padStart(2, '0');
    case 'upperLetter':
      return letters(n, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    case 'lowerLetter':
      return letters(n, 'abcdefghijklmnopqrstuvwxyz');
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    default:
      return String(n);
  }
}

/** Counts numbered paragraphs as Word does and gives each its label. */
class Counter {
  private readonly counts = new Map<string, number[]>();
  private readonly seenNums = new Set<string>();
  constructor(
    private readonly numbering: Numbering,
    private readonly styles: Map<string, StyleNum>,
  ) {}

  label(numIdIn: string | undefined, ilvlIn: number | undefined, styleId: string | undefined): string {
    let numId = numIdIn;
    let ilvl = ilvlIn;
    for (let s = styleId, guard = 0; s && guard < 20 && (numId === undefined || ilvl === undefined); guard++) {
      const st = this.styles.get(s);
      if (!st) break;
      if (numId === undefined && st.numId !== undefined) numId = st.numId;
      if (ilvl === undefined && st.ilvl !== undefined) ilvl = st.ilvl;
      s = st.basedOn;
    }
    if (numId === undefined || numId === '0') return '';
    const num = this.numbering.nums.get(numId);
    const levels = num && this.numbering.abstract.get(num.abstractId);
    const level = ilvl ?? 0;
    const lvl = levels?.get(level);
    if (!num || !levels || !lvl || lvl.format === 'bullet') return '';
    let counts = this.counts.get(num.abstractId);
    if (!counts || (num.starts.size > 0 && !this.seenNums.has(numId))) this.counts.set(num.abstractId, (counts = []));
    this.seenNums.add(numId);
    const startOf = (k: number) => num.starts.get(k) ?? levels.get(k)?.start ?? 1;
    counts[level] = counts[level] === undefined ? startOf(level) : counts[level] + 1;
    counts.length = level + 1;
    if (lvl.format === 'none') return lvl.text.replace(/%\d/g, '');
    return lvl.text.replace(/%(\d)/g, (_, d: string) => {
      const k = Number(d) - 1;
      const n = counts![k] ?? startOf(k);
      return formatNumber(n, levels.get(k)?.format ?? 'decimal');
    });
  }
}

// ---------------------------------------------------------------- the text of a part

/** A piece of a line: text, and where it came from if it was read from a `<w:t>`. */
interface Chunk {
  text: string;
  rawStart?: number;
  rawEnd?: number;
  props?: string;
}
interface Line {
  chunks: Chunk[];
  part: string;
  /** The paragraph mark was deleted as a tracked change: joins the next paragraph. */
  joinNext: boolean;
  /** A paragraph of the body itself (not in a table, text box or note), holding no section break: where its element lies. */
  deletable?: { rawStart: number; rawEnd: number };
}
interface ParagraphFrame {
  chunks: Chunk[];
  deferred: Line[];
  numId?: string;
  ilvl?: number;
  style?: string;
  markDeleted: boolean;
  rawStart: number;
  deletable: boolean;
}

/**
 * Elements whose content is not printed text (or is printed elsewhere): deleted and moved-away
 * text, the fallback copy of a text box, field codes, and the properties before a tracked change
 * (which would otherwise overrule the current numbering or hide a run).
 */
const SKIPPED = new Set([
  'w:del',
  'w:moveFrom',
  'mc:Fallback',
  'w:instrText',
  'w:delText',
  'w:delInstrText',
  'w:fldData',
  'w:sdtPr',
  'w:pPrChange',
  'w:rPrChange',
  'w:sectPrChange',
  'w:tblPrChange',
  'w:tcPrChange',
  'w:trPrChange',
  'w:numberingChange',
]);

function readPartLines(xml: string, part: string, counter: Counter): Line[] {
  const lines: Line[] = [];
  const paragraphs: ParagraphFrame[] = [];
  const parser = new SaxesParser({ position: true });
  let skip = 0; // depth inside skipped elements
  const stack: string[] = []; // the open elements outside skipped ones
  let inPPr = 0;
  let inRPrOfRun = false;
  let rPrStart = 0;
  let runProps = '';
  let hidden = false;
  let tStart = -1; // content start of the open <w:t>
  let tText = '';
  /** Open complex fields: true once past their separator (showing the result). */
  const fields: boolean[] = [];
  const inInstruction = () => fields.some((f) => !f);
  const top = () => paragraphs[paragraphs.length - 1];
  const emit = (line: Line, deferred: Line[]) => {
    const parent = top();
    if (parent) parent.deferred.push(line, ...deferred);
    else lines.push(line, ...deferred);
  };

  parser.on('opentag', (tag) => {
    const t = tag as SaxesTagPlain;
    const name = t.name;
    // (saxes reports a close for self-closing elements too: every open here is matched by a close.)
    if (skip > 0) {
      skip++;
      return;
    }
    const p = top();
    stack.push(name);
    if (inPPr && p && (name === 'w:del' || name === 'w:moveFrom')) {
      p.markDeleted = true;
      skip = 1;
      stack.pop();
      return;
    }
    if (
      SKIPPED.has(name) ||
      (name === 'w:footnote' || name === 'w:endnote' ? /separator|continuation/i.test(String(t.attributes['w:type'] ?? '')) : false)
    ) {
      skip = 1;
      stack.pop();
      return;
    }
    switch (name) {
      case 'w:p':
        paragraphs.push({
          chunks: [],
          deferred: [],
          markDeleted: false,
          rawStart: xml.lastIndexOf('<', parser.position - 1),
          deletable: stack[stack.length - 2] === 'w:body',
        });
        return;
      case 'w:pPr':
        inPPr++;
        return;
      case 'w:sectPr':
        if (inPPr && p) p.deletable = false;
        return;
      case 'w:r':
        hidden = false;
        runProps = '';
        return;
      case 'w:rPr':
        if (!inPPr) {
          rPrStart = xml.lastIndexOf('<', parser.position - 1);
          if (!t.isSelfClosing) inRPrOfRun = true;
        }
        return;
      // (Not w:webHidden: text hidden in Web Layout only is printed.)
      case 'w:vanish':
        if (inRPrOfRun && !/^(0|false|off)$/.test(String(t.attributes['w:val'] ?? ''))) hidden = true;
        return;
      case 'w:fldChar': {
        const type = String(t.attributes['w:fldCharType'] ?? '');
        if (type === 'begin') fields.push(false);
        else if (type === 'separate' && fields.length) fields[fields.length - 1] = true;
        else if (type === 'end') fields.pop();
        return;
      }
    }
    if (inPPr && p) {
      const val = String(t.attributes['w:val'] ?? '');
      if (name === 'w:numId') p.numId = val;
      else if (name === 'w:ilvl') p.ilvl = Number(val) || 0;
      else if (name === 'w:pStyle') p.style = val;
      return;
    }
    if (!p || inRPrOfRun || hidden || inInstruction()) return;
    if (name === 'w:t') {
      tStart = t.isSelfClosing ? -1 : parser.position;
      tText = '';
    } else if (name === 'w:tab') p.chunks.push({ text: '\t' });
    else if (name === 'w:noBreakHyphen') p.chunks.push({ text: '-' });
  });

  parser.on('text', (text) => {
    if (tStart >= 0) tText += text;
  });
  parser.on('cdata', (text) => {
    if (tStart >= 0) tText += text;
  });

  parser.on('closetag', (tag) => {
    const name = tag.name;
    if (skip > 0) {
      skip--;
      return;
    }
    stack.pop();
    if (name === 'w:t' && tStart >= 0) {
      const rawEnd = xml.lastIndexOf('<', parser.position - 1);
      top()?.chunks.push({ text: tText, rawStart: tStart, rawEnd, props: runProps });
      tStart = -1;
    } else if (name === 'w:pPr') inPPr = Math.max(0, inPPr - 1);
    else if (name === 'w:rPr' && !inPPr) {
      inRPrOfRun = false;
      runProps = xml.slice(rPrStart, parser.position);
    } else if (name === 'w:r') hidden = false;
    else if (name === 'w:p') closeParagraph();
  });

  function closeParagraph(): void {
    const p = paragraphs.pop()!;
    const label = counter.label(p.numId, p.ilvl, p.style);
    if (label) p.chunks.unshift({ text: label });
    const raw = { rawStart: p.rawStart, rawEnd: parser.position };
    emit(
      {
        chunks: p.chunks,
        part,
        joinNext: p.markDeleted,
        deletable: p.deletable && !p.markDeleted && p.deferred.length === 0 ? raw : undefined,
      },
      p.deferred,
    );
  }

  try {
    parser.write(xml).close();
  } catch (err) {
    throw new DocxError(`文档部件 ${part} 的 XML 有误：${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
  return lines;
}

// ---------------------------------------------------------------- reading

/** The text of a .docx package; throws DocxError with a reason to show. */
export function readDocx(bytes: Uint8Array): DocxText {
  const entries = unzip(bytes);
  const rootRels = relationships(entries, '_rels/.rels', '');
  const main = rootRels.find((r) => r.type === 'officeDocument')?.target ?? 'word/document.xml';
  const mainXml = partText(entries, main);
  if (mainXml === undefined) throw new DocxError('不是 Word 文档：压缩包中没有正文部件（word/document.xml）');
  const head = mainXml.slice(0, 4000);
  if (head.includes(STRICT_NS))
    throw new DocxError('这是 Strict Open XML 格式的文档，暂不支持：请在 Word 中另存为普通的「Word 文档（.docx）」后再检查');
  if (!head.includes(`xmlns:w="${W_NS}"`)) throw new DocxError('无法识别正文部件的格式（不是 WordprocessingML），无法读取');

  const dir = main.includes('/') ? main.slice(0, main.lastIndexOf('/')) : '';
  const relsName = `${dir ? dir + '/' : ''}_rels/${main.slice(dir ? dir.length + 1 : 0)}.rels`;
  const rels = relationships(entries, relsName, dir);
  const target = (type: string) => rels.find((r) => r.type === type)?.target;
  const xml = new Map<string, string>([[main, mainXml]]);
  const read = (name: string | undefined) => {
    if (!name) return undefined;
    const text = partText(entries, name);
    if (text !== undefined) xml.set(name, text);
    return text;
  };
  const numberingName = target('numbering');
  const stylesName = target('styles');
  const counter = new Counter(readNumbering(read(numberingName), numberingName ?? ''), readStyles(read(stylesName), stylesName ?? ''));

  const sections: { name: string; lines: Line[] }[] = [{ name: '正文', lines: readPartLines(mainXml, main, counter) }];
  for (const [type, label] of [
    ['footnotes', '脚注'],
    ['endnotes', '尾注'],
  ] as const) {
    const name = target(type);
    const partXml = read(name);
    if (partXml === undefined || !name) continue;
    const lines = readPartLines(partXml, name, counter);
    if (lines.some((l) => l.chunks.length > 0)) sections.push({ name: label, lines });
  }

  // Assemble the text and the pieces. Every paragraph ends with its mark, a line feed, as in Word.
  const out: string[] = [];
  const pieces: Piece[] = [];
  const paragraphs: Paragraph[] = [];
  const starts: { name: string; offset: number }[] = [];
  let offset = 0;
  for (const section of sections) {
    starts.push({ name: section.name, offset });
    let lineStart = offset;
    let whole = true; // the line is one paragraph (no deleted mark joined it to another)
    for (let i = 0; i < section.lines.length; i++) {
      const line = section.lines[i];
      for (const c of line.chunks) {
        if (c.text === '') continue;
        if (c.rawStart !== undefined)
          pieces.push({ offset, length: c.text.length, part: line.part, rawStart: c.rawStart, rawEnd: c.rawEnd!, props: c.props ?? '' });
        out.push(c.text);
        offset += c.text.length;
      }
      if (line.joinNext) {
        whole = false;
        continue;
      }
      out.push('\n');
      offset++;
      if (whole && line.deletable) paragraphs.push({ offset: lineStart, end: offset, part: line.part, ...line.deletable });
      lineStart = offset;
      whole = true;
    }
  }
  return { text: out.join(''), pieces, paragraphs, sections: starts, entries, xml };
}

// ---------------------------------------------------------------- fixing

export interface DocxEdit {
  offset: number;
  length: number;
  text: string;
}

/** Where the `k`-th code unit of a `<w:t>`'s text lies in its raw content (entities and character references counted as what they stand for). */
function rawIndex(raw: string, k: number): number {
  let units = 0;
  let i = 0;
  while (units < k && i < raw.length) {
    if (raw[i] === '&') {
      const semi = raw.indexOf(';', i);
      const ref = raw.slice(i + 1, semi);
      const code = ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : ref.startsWith('#') ? parseInt(ref.slice(1), 10) : 0;
      units += code > 0xffff ? 2 : 1;
      i = semi + 1;
    } else {
      units++;
      i++;
    }
  }
  if (units !== k) throw new DocxError('修改位置落在一个字符引用之内');
  return i;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A deletion of whole body paragraphs, marks included (a line of web residue, say): the stretch of
 * XML from the first one's `<w:p>` to the last one's `</w:p>`, if nothing else lies between them.
 */
function wholeParagraphs(paragraphs: Paragraph[], e: DocxEdit): (Piece & { whole: true }) | undefined {
  if (e.text !== '' || e.length === 0) return undefined;
  const first = paragraphs.findIndex((p) => p.offset === e.offset);
  if (first < 0) return undefined;
  let last = first;
  while (paragraphs[last].end < e.offset + e.length) {
    const next = paragraphs[last + 1];
    if (!next || next.offset !== paragraphs[last].end || next.part !== paragraphs[first].part || next.rawStart !== paragraphs[last].rawEnd)
      return undefined;
    last++;
  }
  if (paragraphs[last].end !== e.offset + e.length) return undefined;
  const a = paragraphs[first];
  const b = paragraphs[last];
  return { offset: a.offset, length: b.end - a.offset, part: a.part, rawStart: a.rawStart, rawEnd: b.rawEnd, props: '', whole: true };
}

/** A replacement in a part's XML string. */
interface Splice {
  from: number;
  to: number;
  text: string;
}

/** The raw position of text offset `at` (in the extracted text) inside a piece. */
function rawAt(doc: DocxText, piece: Piece, at: number): number {
  const raw = doc.xml.get(piece.part)!.slice(piece.rawStart, piece.rawEnd);
  if (raw.includes('\r')) throw new DocxError(`文档部件 ${piece.part} 的文字中有回车符，不写回`);
  return piece.rawStart + rawIndex(raw, at - piece.offset);
}

/**
 * What to change in the XML for one edit, or undefined when it must be made in Word: a span inside
 * one run; a span across neighbouring runs of the same formatting (Word and LibreOffice split runs
 * where nothing shows: at an edit session, between Chinese and digits) — the new text goes into
 * the first of them, the rest of the span is taken out of the others; or whole body paragraphs.
 */
function splicesFor(doc: DocxText, e: DocxEdit): { part: string; splices: Splice[] } | undefined {
  const single = pieceFor(doc.pieces, e);
  if (single) {
    return {
      part: single.part,
      splices: [{ from: rawAt(doc, single, e.offset), to: rawAt(doc, single, e.offset + e.length), text: escapeXml(e.text) }],
    };
  }
  const whole = wholeParagraphs(doc.paragraphs, e);
  if (whole) return { part: whole.part, splices: [{ from: whole.rawStart, to: whole.rawEnd, text: '' }] };
  // Across runs: the pieces covering the span, each starting where the last ended, formatted alike.
  const end = e.offset + e.length;
  let k = pieceIndexAt(doc.pieces, e.offset);
  if (k < 0 || e.length === 0) return undefined;
  const run: Piece[] = [doc.pieces[k]];
  while (run[run.length - 1].offset + run[run.length - 1].length < end) {
    const last = run[run.length - 1];
    const next = doc.pieces[++k];
    if (!next || next.offset !== last.offset + last.length || next.part !== last.part || next.props !== last.props) return undefined;
    const between = doc.xml.get(last.part)!.slice(last.rawEnd, next.rawStart);
    if (!RUN_BOUNDARY.test(between)) return undefined;
    run.push(next);
  }
  const first = run[0];
  const lastPiece = run[run.length - 1];
  const splices: Splice[] = [{ from: rawAt(doc, first, e.offset), to: first.rawEnd, text: escapeXml(e.text) }];
  for (const middle of run.slice(1, -1)) splices.push({ from: middle.rawStart, to: middle.rawEnd, text: '' });
  splices.push({ from: lastPiece.rawStart, to: rawAt(doc, lastPiece, end), text: '' });
  return { part: first.part, splices };
}

/** What lies between the text of two neighbouring runs: the end of one, the start and properties of the next. */
const RUN_BOUNDARY =
  /^<\/w:t>\s*<\/w:r>\s*<w:r(?:\s[^>]*)?>\s*(?:<w:rPr\/>|<w:rPr>(?:(?!<\/w:rPr>)[\s\S])*<\/w:rPr>)?\s*<w:t(?:\s[^>]*)?>$/;

/** The index of the piece holding the character at `offset`, or -1. */
function pieceIndexAt(pieces: Piece[], offset: number): number {
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = pieces[mid];
    if (offset < p.offset) hi = mid - 1;
    else if (offset >= p.offset + p.length) lo = mid + 1;
    else return mid;
  }
  return -1;
}

function pieceFor(pieces: Piece[], e: DocxEdit): Piece | undefined {
  let lo = 0;
  let hi = pieces.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (pieces[mid].offset <= e.offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // An insertion at a run's start may belong to the run before or this one: either is inside a run.
  for (const k of [found, found - 1]) {
    const p = pieces[k];
    if (p && p.offset <= e.offset && e.offset + e.length <= p.offset + p.length) return p;
  }
  return undefined;
}

export interface DocxFixResult {
  /** The new package; undefined when no edit could be applied. */
  bytes?: Uint8Array;
  applied: DocxEdit[];
  /** Edits whose span crosses runs or generated text: to be made in Word. */
  skipped: DocxEdit[];
  /** The extracted text with the applied edits made. */
  text: string;
}

/**
 * The package with `edits` (in the extracted text's offsets, sorted, not overlapping) made where
 * each lies inside one `<w:t>`: only those characters of the part's XML change. Every other entry
 * keeps its name, place and content; the result is read back and compared before it is returned.
 */
export function fixDocx(doc: DocxText, edits: readonly DocxEdit[]): DocxFixResult {
  const applied: DocxEdit[] = [];
  const skipped: DocxEdit[] = [];
  const byPart = new Map<string, Splice[]>();
  for (const e of edits) {
    const found = splicesFor(doc, e);
    if (!found) {
      skipped.push(e);
      continue;
    }
    const list = byPart.get(found.part) ?? [];
    list.push(...found.splices);
    byPart.set(found.part, list);
    applied.push(e);
  }
  let text = doc.text;
  for (let i = applied.length - 1; i >= 0; i--) {
    const e = applied[i];
    text = text.slice(0, e.offset) + e.text + text.slice(e.offset + e.length);
  }
  if (applied.length === 0) return { applied, skipped, text };

  const changed = new Map<string, Uint8Array>();
  for (const [part, list] of byPart) {
    const xml = doc.xml.get(part)!;
    if (!Buffer.from(strToU8(xml)).equals(Buffer.from(doc.entries[part])))
      throw new DocxError(`文档部件 ${part} 的字节无法原样保留，不写回`);
    let out = xml;
    // From the end, so that earlier positions stay valid.
    for (const sp of [...list].sort((a, b) => b.from - a.from)) out = out.slice(0, sp.from) + sp.text + out.slice(sp.to);
    changed.set(part, strToU8(out));
  }

  const files: Zippable = {};
  for (const [name, data] of Object.entries(doc.entries)) files[name] = [changed.get(name) ?? data, { level: 6 }];
  const bytes = zipSync(files);

  // Read back: every entry there, in order, unchanged but for the parts edited, and the text as expected.
  const back = readDocx(bytes);
  const names = Object.keys(doc.entries);
  const backNames = Object.keys(back.entries);
  if (names.join('\n') !== backNames.join('\n')) throw new DocxError('写出的压缩包与原文件的部件不一致，不写回');
  for (const name of names) {
    const expected = changed.get(name) ?? doc.entries[name];
    if (!Buffer.from(back.entries[name]).equals(Buffer.from(expected))) throw new DocxError(`写出的部件 ${name} 与预期不一致，不写回`);
  }
  if (back.text !== text) throw new DocxError('写出后读回的文字与预期不一致，不写回');
  return { bytes, applied, skipped, text };
}

/** Where a text offset is: its paragraph (1-based, counted through the whole text) and a short context. */
export function paragraphContext(text: string, lineStart: number, offset: number, length: number, width = 8): string {
  let lineEnd = text.indexOf('\n', offset + length);
  if (lineEnd < 0) lineEnd = text.length;
  const from = Math.max(lineStart, offset - width);
  const to = Math.min(lineEnd, offset + length + width);
  return `${from > lineStart ? '…' : ''}${text.slice(from, to)}${to < lineEnd ? '…' : ''}`;
}

export { strFromU8 };
