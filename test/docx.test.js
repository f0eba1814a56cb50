// Word documents (.docx): what is read from a package, what --fix writes back, and what is refused.
// Every package is built here from plain data (test/docxBuild.js).
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { unzipSync, zipSync, strToU8, strFromU8 } = require('fflate');
const iconv = require('iconv-lite');
const { root } = require('./helpers');
const { runCli } = require('./cliRun');
const { buildDocx, docxOfText, run, footnoteRef, esc } = require('./docxBuild');
const docx = require(path.join(root, 'dist', 'docx.js'));

const cli = (args) => runCli(args);
const json = async (args) => {
  const r = await cli(['--format', 'json', ...args]);
  return { ...r, data: JSON.parse(r.out) };
};

const NUMBERING =
  '<w:abstractNum w:abstractNumId="0">' +
  '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>' +
  '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>' +
  '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>' +
  '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>';
const numbered = (ilvl, text) => `<w:p><w:pPr><w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="1"/></w:numPr></w:pPr>${run(text)}</w:p>`;
const styled = (style, text) => `<w:p><w:pPr><w:pStyle w:val="${style}"/></w:pPr>${run(text)}</w:p>`;
const cell = (text) => `<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr><w:p>${run(text)}</w:p></w:tc>`;

describe('docx: reading', () => {
  it('reads paragraphs in order, one a line, each run in place', () => {
    const d = docx.readDocx(buildDocx({ paragraphs: ['第一段', ['第二', '段'], '', '第四段'] }));
    assert.equal(d.text, '第一段\n第二段\n\n第四段\n');
    assert.deepEqual(
      d.pieces.map((p) => d.text.slice(p.offset, p.offset + p.length)),
      ['第一段', '第二', '段', '第四段'],
    );
  });

  it('reads table cells as paragraphs, row by row', () => {
    const table = `<w:tbl><w:tblPr/><w:tr>${cell('序号')}${cell('项目')}</w:tr><w:tr>${cell('1')}${cell('道路改造')}</w:tr></w:tbl>`;
    const d = docx.readDocx(buildDocx({ paragraphs: ['表前', table, '表后'] }));
    assert.equal(d.text, '表前\n序号\n项目\n1\n道路改造\n表后\n');
  });

  it('reads footnotes after the body, without the separators', () => {
    const d = docx.readDocx(buildDocx({ paragraphs: [['正文有注', footnoteRef(1)], '第二段'], footnotes: ['注释的文字。'] }));
    assert.equal(d.text, '正文有注\n第二段\n注释的文字。\n');
    assert.deepEqual(
      d.sections.map((s) => s.name),
      ['正文', '脚注'],
    );
  });

  it('reads tracked changes as accepted: insertions in, deletions and moved-away text out', () => {
    const p =
      '<w:p>' +
      run('今年') +
      `<w:ins w:id="1" w:author="甲" w:date="2026-01-01T00:00:00Z">${run('全面')}</w:ins>` +
      `<w:del w:id="2" w:author="甲" w:date="2026-01-01T00:00:00Z"><w:r><w:delText>基本</w:delText></w:r></w:del>` +
      run('完成') +
      `<w:moveFrom w:id="3" w:author="甲" w:date="2026-01-01T00:00:00Z">${run('移走的')}</w:moveFrom>` +
      '</w:p>';
    assert.equal(docx.readDocx(buildDocx({ paragraphs: [p] })).text, '今年全面完成\n');
  });

  it('joins a paragraph whose mark was deleted as a tracked change with the next', () => {
    const p = `<w:p><w:pPr><w:rPr><w:del w:id="9" w:author="甲" w:date="2026-01-01T00:00:00Z"/></w:rPr></w:pPr>${run('上半句，')}</w:p>`;
    assert.equal(docx.readDocx(buildDocx({ paragraphs: [p, '下半句。'] })).text, '上半句，下半句。\n');
  });

  it('reads a field as its displayed result, not its instruction', () => {
    const p =
      '<w:p>' +
      run('见第') +
      '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>' +
      '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' +
      run('3') +
      '<w:r><w:fldChar w:fldCharType="end"/></w:r>' +
      run('页') +
      `<w:fldSimple w:instr=" DATE ">${run('2026年1月1日')}</w:fldSimple>` +
      '</w:p>';
    assert.equal(docx.readDocx(buildDocx({ paragraphs: [p] })).text, '见第3页2026年1月1日\n');
  });

  it('reads the numbering and formatting in force, not those before a tracked change', () => {
    const p =
      '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' +
      '<w:pPrChange w:id="5" w:author="甲" w:date="2026-01-01T00:00:00Z"><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="1"/></w:numPr></w:pPr></w:pPrChange></w:pPr>' +
      '<w:r><w:rPr><w:b/><w:rPrChange w:id="6" w:author="甲" w:date="2026-01-01T00:00:00Z"><w:rPr><w:vanish/></w:rPr></w:rPrChange></w:rPr><w:t>总体要求</w:t></w:r></w:p>';
    assert.equal(docx.readDocx(buildDocx({ numbering: NUMBERING, paragraphs: [p] })).text, '一、总体要求\n');
  });

  it('leaves hidden text out', () => {
    const p = `<w:p>${run('看得见')}<w:r><w:rPr><w:vanish/></w:rPr><w:t>看不见</w:t></w:r></w:p>`;
    assert.equal(docx.readDocx(buildDocx({ paragraphs: [p] })).text, '看得见\n');
  });

  it('reads a text box once (not its VML fallback), after the paragraph that anchors it', () => {
    const box = (text) => `<w:txbxContent><w:p>${run(text)}</w:p></w:txbxContent>`;
    const p =
      '<w:p>' +
      run('锚定段') +
      '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>' +
      box('文本框里的字') +
      '</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>' +
      box('文本框里的字') +
      '</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>' +
      run('续') +
      '</w:p>';
    assert.equal(docx.readDocx(buildDocx({ paragraphs: [p, '下一段'] })).text, '锚定段续\n文本框里的字\n下一段\n');
  });

  it('puts the labels of auto-numbered paragraphs in front of them, counted as Word counts', () => {
    const styles =
      '<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="标题一"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>';
    const d = docx.readDocx(
      buildDocx({
        numbering: NUMBERING,
        styles,
        paragraphs: [
          styled('H1', '总体要求'),
          numbered(1, '指导思想'),
          numbered(1, '目标任务'),
          numbered(2, '具体指标'),
          styled('H1', '重点工作'),
          numbered(1, '抓好落实'),
        ],
      }),
    );
    assert.equal(d.text, '一、总体要求\n（一）指导思想\n（二）目标任务\n1.具体指标\n二、重点工作\n（一）抓好落实\n');
    // The labels are generated: no piece covers them.
    assert.equal(d.pieces[0].offset, 2);
  });

  it('formats the numbering styles 公文 use', () => {
    assert.deepEqual(
      [1, 10, 11, 20, 23].map((n) => docx.formatNumber(n, 'chineseCounting')),
      ['一', '十', '十一', '二十', '二十三'],
    );
    assert.equal(docx.formatNumber(3, 'decimalEnclosedCircle'), '③');
    assert.equal(docx.formatNumber(2, 'ideographTraditional'), '乙');
    assert.equal(docx.formatNumber(4, 'upperRoman'), 'IV');
  });

  it('feeds generated numbering to the numbering rule', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-docx-'));
    try {
      // 「一、」 followed by 「（二）」 without 「（一）」: the numbering rule must see the labels.
      const bad = `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>${run('总体要求')}</w:p>`;
      const file = path.join(dir, 'n.docx');
      fs.writeFileSync(file, buildDocx({ numbering: NUMBERING, paragraphs: [bad, '（二）目标任务', '正文。'] }));
      const { data } = await json([file]);
      assert.ok(
        data[0].diagnostics.some((d) => d.rule === 'numbering'),
        JSON.stringify(data[0].diagnostics),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses what is not a readable package, with a reason', () => {
    const ok = buildDocx({ paragraphs: ['正文'] });
    const cases = [
      [Buffer.concat([ok.subarray(0, 200), Buffer.alloc(50)]), /损坏/],
      [Buffer.from('这不是压缩包'), /不是有效的 \.docx/],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), /加密|\.doc/],
      [Buffer.from(zipSync({ 'a.txt': strToU8('x') })), /没有正文部件/],
    ];
    for (const [bytes, re] of cases)
      assert.throws(
        () => docx.readDocx(bytes),
        (err) => err instanceof docx.DocxError && re.test(err.message),
      );
    const entries = unzipSync(ok);
    entries['word/document.xml'] = strToU8(
      strFromU8(entries['word/document.xml']).replaceAll(
        'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
        'http://purl.oclc.org/ooxml/wordprocessingml/main',
      ),
    );
    assert.throws(() => docx.readDocx(zipSync(entries)), /Strict/);
    const broken = unzipSync(ok);
    broken['word/document.xml'] = strToU8(
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p></w:body>',
    );
    assert.throws(() => docx.readDocx(zipSync(broken)), /XML 有误/);
  });
});

describe('docx: the CLI', () => {
  let dir;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwen-docx-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives the example documents, saved as .docx, the same findings as their text, paragraph for paragraph', async () => {
    const examples = fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.txt'));
    assert.ok(examples.length >= 3);
    for (const name of examples) {
      const bytes = fs.readFileSync(path.join(root, 'examples', name));
      const text = name.includes('gbk') ? iconv.decode(bytes, 'gb18030') : bytes.toString('utf8').replace(/^\uFEFF/, '');
      const txt = path.join(dir, name);
      fs.writeFileSync(txt, text);
      const word = path.join(dir, name.replace(/\.txt$/, '.docx'));
      fs.writeFileSync(word, docxOfText(text.replace(/\r?\n$/, '')));
      const [a, b] = (await json([txt, word])).data;
      assert.equal(b.error, undefined);
      const key = (d) => `${d.line}:${d.column} ${d.rule} ${d.text} ${d.message} ${d.suggestions.join('/')}`;
      assert.deepEqual(b.diagnostics.map(key), a.diagnostics.map(key), name);
    }
  });

  it('says 「第 N 段」 and shows a short context in the text output', async () => {
    const file = path.join(dir, '报告.docx');
    fs.writeFileSync(file, docxOfText('标题\n各单位：\n现将有关事项通知如下，，请遵照执行。'));
    const r = await cli([file]);
    assert.equal(r.code, 1);
    assert.match(r.out, /第 3 段 +error +punct-dup .*「…有关事项通知如下，，请遵照执行。」/);
    assert.doesNotMatch(r.out, /3:11/);
  });

  it('names .doc, .wps, .pdf and .odt, counts them as not checked, and never ends green', async () => {
    for (const ext of ['doc', 'wps', 'pdf', 'odt']) fs.writeFileSync(path.join(dir, `文件.${ext}`), 'x');
    fs.writeFileSync(path.join(dir, '~$文件.docx'), 'owner file');
    const r = await cli([dir]);
    assert.equal(r.code, 2);
    for (const ext of ['doc', 'wps', 'pdf', 'odt'])
      assert.match(r.out, new RegExp(`文件\\.${ext}\\n  无法检查  .*请另存为 \\.docx 或 \\.txt 后再检查`));
    assert.match(r.out, /检查了 0 个文件，4 个无法检查/);
    assert.doesNotMatch(r.out, /✔/);
    assert.doesNotMatch(r.out, /~\$/);
  });

  it('checks a folder of .docx files', async () => {
    fs.writeFileSync(path.join(dir, 'a.docx'), docxOfText('这是关健一年。'));
    const { code, data } = await json([dir]);
    assert.equal(code, 1);
    assert.equal(data.length, 1);
    assert.equal(data[0].kind, 'docx');
    assert.equal(data[0].diagnostics[0].rule, 'typo');
  });

  it('reads .docx files in worker threads as on the main thread (--jobs 2)', async () => {
    for (let i = 0; i < 4; i++) fs.writeFileSync(path.join(dir, `${i}.docx`), docxOfText(`第${i}份，，这是关健一年。`));
    const one = (await json([dir])).data;
    const two = (await json(['--jobs', '2', dir])).data;
    assert.deepEqual(two, one);
    assert.equal(one.length, 4);
    assert.ok(one.every((r) => r.kind === 'docx' && r.diagnostics.length === 2));
  });

  it('reports a corrupt package and leaves it as it was', async () => {
    const file = path.join(dir, 'bad.docx');
    const bytes = docxOfText('这是关健一年。').subarray(0, 300);
    fs.writeFileSync(file, bytes);
    const r = await cli(['--fix', file]);
    assert.equal(r.code, 2);
    assert.match(r.out, /无法检查 +\.docx 文件已损坏/);
    assert.deepEqual(fs.readFileSync(file), bytes);
  });

  it('--fix changes only the flagged characters of the run: every other entry and byte of the part is kept', async () => {
    const file = path.join(dir, 'a.docx');
    const original = buildDocx({
      paragraphs: ['这是关健一年，，要抓好落实。', ['A&B', '公司'], '第三段'],
      footnotes: ['注。'],
      extra: {
        'word/media/image1.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]),
        'customXml/item1.xml': strToU8('<a>自定义</a>'),
      },
    });
    fs.writeFileSync(file, original);
    const r = await json(['--fix', file]);
    assert.equal(r.code, 0, r.out);
    assert.equal(r.data[0].fixed, 2);
    const before = unzipSync(original);
    const after = unzipSync(fs.readFileSync(file));
    assert.deepEqual(Object.keys(after), Object.keys(before));
    for (const name of Object.keys(before)) {
      if (name === 'word/document.xml') continue;
      assert.ok(Buffer.from(after[name]).equals(Buffer.from(before[name])), name);
    }
    const oldXml = strFromU8(before['word/document.xml']);
    const newXml = strFromU8(after['word/document.xml']);
    assert.equal(newXml, oldXml.replace('关健一年，，', '关键一年，'));
    assert.match(newXml, /A&amp;B/);
  });

  it('fixes inside a run with character references, and keeps them', async () => {
    const file = path.join(dir, 'a.docx');
    const p = '<w:p><w:r><w:t>R&amp;D&#x5173;健，，工作</w:t></w:r></w:p>';
    fs.writeFileSync(file, buildDocx({ paragraphs: [p] }));
    assert.equal(docx.readDocx(fs.readFileSync(file)).text, 'R&D关健，，工作\n');
    const r = await json(['--fix', file]);
    assert.equal(r.data[0].fixed, 2);
    const xml = strFromU8(unzipSync(fs.readFileSync(file))['word/document.xml']);
    assert.match(xml, /<w:t>R&amp;D关键，工作<\/w:t>/);
  });

  it('--fix makes a fix across neighbouring runs formatted alike, in the first of them', async () => {
    const file = path.join(dir, 'a.docx');
    // As LibreOffice writes Chinese and digits: separate runs, the same (empty) properties.
    const p =
      '<w:p><w:r><w:rPr></w:rPr><w:t>总产量达到</w:t></w:r><w:r><w:rPr></w:rPr><w:t>4</w:t></w:r><w:r><w:rPr></w:rPr><w:t>千万公斤，，同比增长。</w:t></w:r></w:p>';
    fs.writeFileSync(file, buildDocx({ paragraphs: [p] }));
    const r = await json(['--fix', file]);
    assert.equal(r.data[0].fixed, 2, JSON.stringify(r.data[0]));
    assert.equal(r.data[0].inWord, undefined);
    const xml = strFromU8(unzipSync(fs.readFileSync(file))['word/document.xml']);
    assert.match(
      xml,
      /<w:t>总产量达到<\/w:t><\/w:r><w:r><w:rPr><\/w:rPr><w:t>4000<\/w:t><\/w:r><w:r><w:rPr><\/w:rPr><w:t>万公斤，同比增长。<\/w:t>/,
    );
    assert.equal(docx.readDocx(fs.readFileSync(file)).text, '总产量达到4000万公斤，同比增长。\n');
  });

  it('--fix lists a fix whose span crosses runs formatted differently as 「需在 Word 中修改」 and makes the others', async () => {
    const file = path.join(dir, 'a.docx');
    const bold = '<w:r><w:rPr><w:b/></w:rPr><w:t>，确保完成。</w:t></w:r>';
    fs.writeFileSync(file, buildDocx({ paragraphs: [['要抓好落实，', bold], '这是关健一年。'] }));
    const r = await cli(['--fix', file]);
    assert.match(r.out, /已自动修正 1 处：\n +第 2 段 +「关健」→「关键」/);
    assert.match(r.out, /需在 Word 中修改 1 处.*\n +第 1 段 +「，，」→「，」/);
    assert.match(r.out, /1 处需在 Word 中修改/);
    const { data } = await json([file]);
    assert.deepEqual(
      data[0].diagnostics.map((d) => d.text),
      ['，，'],
    );
  });

  it('--fix never writes a package that holds a part it cannot keep byte for byte', async () => {
    const file = path.join(dir, 'a.docx');
    const entries = unzipSync(docxOfText('这是关健一年。'));
    // A document part with a byte-order mark and CRLF in a run: read, but not rewritten.
    entries['word/document.xml'] = strToU8(strFromU8(entries['word/document.xml']).replace('这是关健一年。', '这是关健\r\n一年。'));
    const bytes = Buffer.from(zipSync(entries));
    fs.writeFileSync(file, bytes);
    const r = await json(['--fix', file]);
    assert.equal(r.code, 2);
    assert.match(r.data[0].notFixed, /回车/);
    assert.deepEqual(fs.readFileSync(file), bytes);
  });
});

void esc;
