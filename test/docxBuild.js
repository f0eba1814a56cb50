// Builds .docx packages for the tests from plain data, the way Word lays them out (content types,
// relationships, document, optional styles, numbering, footnotes), so that no fixture is a binary of
// unknown origin. A paragraph is a string (one run), an array of runs, or a raw XML string
// starting with '<w:p' or '<w:tbl'.
'use strict';
const { zipSync, strToU8 } = require('fflate');

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const NS = `xmlns:w="${W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"`;

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const run = (text) =>
  `<w:r><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr><w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;

function paragraph(p) {
  if (typeof p === 'string' && (p.startsWith('<w:p') || p.startsWith('<w:tbl'))) return p;
  const runs = typeof p === 'string' ? [p] : p;
  return `<w:p><w:pPr><w:jc w:val="both"/></w:pPr>${runs.map((r) => (r.startsWith('<') ? r : run(r))).join('')}</w:p>`;
}

/**
 * @param {object} spec
 * @param {Array} spec.paragraphs
 * @param {string} [spec.numbering] the <w:numbering> content
 * @param {string} [spec.styles] the <w:styles> content
 * @param {string[]} [spec.footnotes] footnote texts (ids 1..n; reference them with footnoteRef(id))
 * @param {Record<string,string|Uint8Array>} [spec.extra] more entries (e.g. media)
 */
function buildDocx(spec) {
  const rels = [['rId1', 'styles', 'styles.xml']];
  const files = {};
  const types = [
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
    '<Default Extension="xml" ContentType="application/xml"/>',
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>',
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>',
  ];
  files['word/styles.xml'] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles ${NS}><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>${spec.styles ?? ''}</w:styles>`;
  if (spec.numbering) {
    rels.push(['rId2', 'numbering', 'numbering.xml']);
    types.push(
      '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>',
    );
    files['word/numbering.xml'] =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering ${NS}>${spec.numbering}</w:numbering>`;
  }
  if (spec.footnotes) {
    rels.push(['rId3', 'footnotes', 'footnotes.xml']);
    types.push(
      '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>',
    );
    const notes = spec.footnotes
      .map(
        (t, i) =>
          `<w:footnote w:id="${i + 1}"><w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>${run(t)}</w:p></w:footnote>`,
      )
      .join('');
    files['word/footnotes.xml'] =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes ${NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>${notes}</w:footnotes>`;
  }
  files['[Content_Types].xml'] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">${types.join('')}</Types>`;
  files['_rels/.rels'] =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
  files['word/_rels/document.xml.rels'] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    rels
      .map(
        ([id, type, target]) =>
          `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`,
      )
      .join('') +
    '</Relationships>';
  files['word/document.xml'] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${NS}><w:body>${spec.paragraphs.map(paragraph).join('')}` +
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>';
  for (const [name, data] of Object.entries(spec.extra ?? {})) files[name] = data;
  const zipped = {};
  // Word's order: content types first.
  for (const name of [
    '[Content_Types].xml',
    '_rels/.rels',
    ...Object.keys(files).filter((n) => n !== '[Content_Types].xml' && n !== '_rels/.rels'),
  ]) {
    zipped[name] = typeof files[name] === 'string' ? strToU8(files[name]) : files[name];
  }
  return Buffer.from(zipSync(zipped, { mtime: new Date('2026-01-01T00:00:00Z') }));
}

/** A .docx of plain text: one paragraph per line, one run each. */
const docxOfText = (text) => buildDocx({ paragraphs: text.split(/\r?\n/) });

const footnoteRef = (id) => `<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="${id}"/></w:r>`;

module.exports = { buildDocx, docxOfText, run, footnoteRef, esc };
