'use strict';
// The checks, in the order a writer would meet them. Each step has an id (used for its screenshot,
// NN-name.png, and in its failure message), a sentence saying what it checks, and a function that
// either returns a short note on what it saw or throws saying what was missing.
//
// The steps share one editor: later steps start from the document the earlier ones left.

const iconv = require('iconv-lite');
const { buildDocx } = require('../docxBuild');
const { waitFor } = require('./workbench');

const SAMPLE_FILE = 'sample.txt';
/** A short speech: 2 findings on purpose (「，，」 on line 7, the placeholder 「X届」 on line 8). */
const SAMPLE_LINES = [
  '在全市安全生产工作会议上的讲话',
  '张某某',
  '（2026年3月5日）',
  '同志们：',
  '今天，我们召开全市安全生产工作会议，主要任务是总结去年工作，部署今年任务。',
  '一、统一思想，提高认识',
  '（一）安全生产是发展的底线。各级各部门要把安全放在首位，，切实担起责任。',
  '（二）聚焦重点领域。要紧盯第X届全市运动会等重大活动，做好服务保障。',
  '二、突出重点，狠抓落实',
  '同志们，让我们坚定信心、真抓实干，为全市安全形势持续稳定而努力奋斗！',
];
const SAMPLE_TEXT = `${SAMPLE_LINES.join('\n')}\n`;

/**
 * A 通知 as a .gongwen file beside the speech: 发文字号, title, 主送机关, a long paragraph (word wrap),
 * full-width marks everywhere (no ambiguous-character boxes), one 「，，」 (line 6), 附件说明 and
 * 成文日期. Line numbers below are the file's.
 */
const GONGWEN_FILE = '通知.gongwen';
const GONGWEN_LINES = [
  '东政办发〔2026〕12号',
  '东江市人民政府办公室关于做好2026年春节期间安全生产工作的通知',
  '各区人民政府，市政府各部门：',
  '为切实做好春节期间安全生产工作，确保全市安全形势持续稳定，现将有关事项通知如下：',
  '一、压实安全生产责任',
  '（一）落实属地责任。各区要严格落实党政同责、一岗双责，，主要负责同志要亲自部署、亲自检查，对辖区内的危险化学品、建筑施工、人员密集场所、道路交通等重点行业领域逐一开展隐患排查，做到排查无死角、整改不过夜，确保各项措施落到实处。',
  '二、加强应急值守',
  '各单位要严格执行领导带班和24小时值班制度，遇有重大情况及时报告。',
  '',
  '附件：1.春节期间安全生产检查表',
  '　　　2.值班安排表',
  '东江市人民政府办公室',
  '2026年1月20日',
];
const GONGWEN_TEXT = `${GONGWEN_LINES.join('\n')}\n`;

/** Files of the workspace besides the speech. */
/** A Word document, built as the unit tests build theirs: a title, a paragraph in two runs, a typo. */
const DOCX_FILE = '情况报告.docx';
const DOCX_PARAGRAPHS = [
  '关于春耕备耕工作情况的报告',
  ['今年以来，各乡镇', '认真落实县委部署，，春耕备耕进展顺利。'],
  '下一步，我们要抓住关健环节，确保完成全年任务。',
];
/** A GBK text file: VS Code opens it as UTF-8, garbled. */
const GBK_FILE = '旧稿-gbk.txt';
const GBK_TEXT = '关于做好春季农业生产工作的通知\n各乡镇人民政府，县直各有关单位：现将有关事项通知如下，，请遵照执行。\n';

const WORKSPACE_FILES = {
  [GONGWEN_FILE]: GONGWEN_TEXT,
  [DOCX_FILE]: buildDocx({ paragraphs: DOCX_PARAGRAPHS }),
  [GBK_FILE]: iconv.encode(GBK_TEXT, 'gbk'),
};

/**
 * A folder received by mail: its .gongwen.json would switch off the doubled-comma rule and allow
 * 「关健」. Opened in Restricted Mode, neither may happen.
 */
const RECEIVED_FILE = '来函.gongwen';
const RECEIVED_FILES = {
  '.gongwen.json': JSON.stringify({ rules: { 'punct-dup': 'off' }, allowWords: ['关健'] }, null, 2),
  [RECEIVED_FILE]: '关于商请支持有关工作的函\n东江市人民政府：\n这是今年工作的关健一环，，请予支持。\n',
};

/** How long after opening the sample its findings must be on screen (first open starts the server). */
const DIAGNOSTICS_LIMIT_MS = 20_000;
/** How long an edit may take to show up in (or disappear from) the findings. */
const UPDATE_LIMIT_MS = 10_000;

const TYPO = '关健';
const TYPO_FIX = '关键';
const QUICK_FIX_TITLE = `改为「${TYPO_FIX}」`;

const isTypoFinding = (p) => p.message.includes(`「${TYPO}」`) && p.message.includes(TYPO_FIX);
const summary = (problems) => JSON.stringify(problems.map((p) => `${p.line}:${p.column} ${p.message}`));

/** Waits until the Problems panel and the status bar both show `count` findings. */
async function expectFindingCount(wb, count, what) {
  await waitFor(async () => (await wb.problems()).length === count, {
    timeoutMs: UPDATE_LIMIT_MS,
    describe: async () => `${what}: expected ${count} findings in the Problems panel, it lists ${summary(await wb.problems())}`,
  });
  await waitFor(async () => (await wb.gongwenStatus())?.findings === count, {
    timeoutMs: UPDATE_LIMIT_MS,
    describe: async () =>
      `${what}: expected the status bar to show 「${count} 处」, it shows ${JSON.stringify((await wb.gongwenStatus())?.text)}`,
  });
}

/** Types text into the editor and closes any suggestion list typing opened. */
async function typeText(wb, text) {
  await wb.page.keyboard.type(text, { delay: 20 });
  await wb.page.waitForTimeout(150);
  if (await wb.page.locator('.editor-widget.suggest-widget.visible').count()) await wb.page.keyboard.press('Escape');
}

const STEPS = [
  {
    id: '01-diagnostics',
    title: `the sample's findings appear within ${DIAGNOSTICS_LIMIT_MS / 1000} s of opening it`,
    async run({ wb, state }) {
      const opened = Date.now();
      await wb.openFromExplorer(SAMPLE_FILE);
      await waitFor(async () => (await wb.squigglesOnLine(7)).length > 0 && (await wb.squigglesOnLine(8)).length > 0, {
        timeoutMs: Math.max(1000, DIAGNOSTICS_LIMIT_MS - (Date.now() - opened)),
        describe: async () =>
          `no squiggles under 「，，」 (line 7) and 「X届」 (line 8) ${DIAGNOSTICS_LIMIT_MS / 1000} s after opening ${SAMPLE_FILE}; squiggles in the editor: ${await wb.squiggleCount()}`,
      });
      const elapsed = Date.now() - opened;

      await wb.openProblems();
      const problems = await waitFor(
        async () => {
          const list = await wb.problems();
          const dup = list.find((p) => p.line === 7 && p.message.includes('，，'));
          const placeholder = list.find((p) => p.line === 8 && p.message.includes('「X」'));
          return dup && placeholder ? list : undefined;
        },
        {
          timeoutMs: UPDATE_LIMIT_MS,
          describe: async () =>
            `the Problems panel does not list the 「，，」 (line 7) and 「X」 (line 8) findings from gongwen; it lists ${summary(await wb.problems())}`,
        },
      );
      await expectFindingCount(wb, problems.length, 'after opening the sample');
      const status = await wb.gongwenStatus();
      state.baseline = problems.length;
      state.chars = status.chars;
      state.problems = problems;
      await wb.focusEditor();
      return `${problems.length} findings shown ${(elapsed / 1000).toFixed(1)} s after opening (limit ${DIAGNOSTICS_LIMIT_MS / 1000} s); status bar 「${status.text}」`;
    },
  },
  {
    id: '02-type-error',
    title: `typing 「${TYPO}」 adds a finding`,
    async run({ wb, state }) {
      await wb.focusEditor();
      await wb.goToLine(5, { end: true });
      await typeText(wb, `抓落实是${TYPO}。`);
      const finding = await waitFor(async () => (await wb.problems()).find((p) => p.line === 5 && isTypoFinding(p)), {
        timeoutMs: UPDATE_LIMIT_MS,
        describe: async () => `no 「${TYPO}」 finding on line 5 after typing it; the Problems panel lists ${summary(await wb.problems())}`,
      });
      await expectFindingCount(wb, state.baseline + 1, `after typing 「${TYPO}」`);
      if ((await wb.squigglesOnLine(5)).length === 0) throw new Error(`no squiggle under 「${TYPO}」 on line 5`);
      return `「${finding.message}」 at 5:${finding.column}`;
    },
  },
  {
    id: '03-fix-by-typing',
    title: `correcting 「${TYPO}」 by hand removes its finding`,
    async run({ wb, state }) {
      await wb.focusEditor();
      await wb.goToLine(5, { end: true });
      await wb.page.keyboard.press('ArrowLeft'); // before 「。」
      await wb.page.keyboard.press('Backspace'); // 「健」
      await typeText(wb, '键');
      const expected = `${SAMPLE_LINES[4]}抓落实是${TYPO_FIX}。`;
      await waitFor(async () => (await wb.lineText(5)) === expected, {
        timeoutMs: 5000,
        describe: async () => `line 5 reads ${JSON.stringify(await wb.lineText(5))}, expected ${JSON.stringify(expected)}`,
      });
      await expectFindingCount(wb, state.baseline, `after correcting 「${TYPO}」`);
      if ((await wb.problems()).some(isTypoFinding)) throw new Error(`the 「${TYPO}」 finding is still listed after the correction`);
      await waitFor(async () => (await wb.squigglesOnLine(5)).length === 0, {
        timeoutMs: 5000,
        describe: 'the squiggle on line 5 is still drawn',
      });
      return `line 5 ends 「…是${TYPO_FIX}。」, back to ${state.baseline} findings`;
    },
  },
  {
    id: '04-quick-fix',
    title: `the light bulb's quick fix 「${QUICK_FIX_TITLE}」 replaces the span`,
    async run({ wb, state, shot }) {
      await wb.focusEditor();
      await wb.goToLine(8, { end: true });
      await typeText(wb, `这是${TYPO}所在。`);
      const finding = await waitFor(async () => (await wb.problems()).find((p) => p.line === 8 && isTypoFinding(p)), {
        timeoutMs: UPDATE_LIMIT_MS,
        describe: async () => `no 「${TYPO}」 finding on line 8 after typing it; the Problems panel lists ${summary(await wb.problems())}`,
      });
      // Put the cursor inside 「关健」, as a writer clicking into the word would.
      for (let i = 0; i < 4; i++) await wb.page.keyboard.press('ArrowLeft');
      await waitFor(
        async () => {
          const cursor = await wb.cursorPosition();
          return cursor.line === 8 && cursor.column === finding.column + 1;
        },
        {
          timeoutMs: 5000,
          describe: async () =>
            `the cursor is at ${(await wb.cursorPosition()).text}, expected inside 「${TYPO}」 at Ln 8, Col ${finding.column + 1}`,
        },
      );
      const bulb = wb.lightBulb().first();
      await bulb.waitFor({ state: 'visible', timeout: UPDATE_LIMIT_MS }).catch(() => {
        throw new Error(`no light bulb appeared with the cursor inside 「${TYPO}」 on line 8`);
      });
      await bulb.click();
      const rows = await waitFor(
        async () => {
          const list = await wb.actionRows();
          return list.some((r) => r.label === QUICK_FIX_TITLE) ? list : undefined;
        },
        {
          timeoutMs: 10_000,
          describe: async () =>
            `the light bulb's menu has no 「${QUICK_FIX_TITLE}」; it shows ${JSON.stringify((await wb.actionRows()).map((r) => r.label))}`,
        },
      );
      await shot('menu');
      const item = wb.page.locator('.action-widget .monaco-list-row.action', { hasText: QUICK_FIX_TITLE }).first();
      const box = await item.boundingBox();
      // The menu ignores clicks until the mouse has moved over it.
      await wb.page.mouse.move(box.x + 8, box.y + box.height / 2);
      await wb.page.mouse.move(box.x + 24, box.y + box.height / 2, { steps: 3 });
      await item.click({ timeout: 5000 });
      await wb.page.locator('.action-widget').waitFor({ state: 'hidden', timeout: 5000 });

      const expected = `${SAMPLE_LINES[7]}这是${TYPO_FIX}所在。`;
      await waitFor(async () => (await wb.lineText(8)) === expected, {
        timeoutMs: 5000,
        describe: async () =>
          `after 「${QUICK_FIX_TITLE}」 line 8 reads ${JSON.stringify(await wb.lineText(8))}, expected ${JSON.stringify(expected)}`,
      });
      await expectFindingCount(wb, state.baseline, `after the quick fix`);
      return `menu: ${rows.map((r) => `「${r.label}」`).join(' ')}; line 8 now ends 「这是${TYPO_FIX}所在。」`;
    },
  },
  {
    id: '05-hover',
    title: 'hovering a finding shows its message',
    async run({ wb }) {
      const target = (await wb.problems()).find((p) => p.line === 7 && p.message.includes('，，'));
      if (!target) throw new Error(`the 「，，」 finding on line 7 is no longer listed: ${summary(await wb.problems())}`);
      const squiggles = await wb.squigglesOnLine(7);
      if (squiggles.length === 0) throw new Error('no squiggle drawn on line 7 to hover');
      let text = '';
      for (const s of squiggles) {
        await wb.page.mouse.move(s.x + s.width / 2, s.y + s.height / 2, { steps: 4 });
        text = await waitFor(
          async () => {
            const shown = await wb.hoverText();
            return shown.includes(target.message) ? shown : undefined;
          },
          { timeoutMs: 5000, describe: '' },
        ).catch(async () => wb.hoverText());
        if (text.includes(target.message)) break;
      }
      if (!text.includes(target.message)) {
        throw new Error(`hovering the squiggle on line 7 did not show 「${target.message}」; the hover shows ${JSON.stringify(text)}`);
      }
      if (!text.includes('gongwen')) throw new Error(`the hover does not name the source gongwen: ${JSON.stringify(text)}`);
      await wb.page.waitForTimeout(400); // let the hover's fade-in finish before the screenshot
      return `hover: 「${text.split('\n')[0]}」`;
    },
    async after({ wb }) {
      await wb.page.mouse.move(5, 5);
      await wb.page.keyboard.press('Escape');
    },
  },
  {
    id: '06-check-document',
    title: '「公文：全文检查」 from the command palette shows its summary',
    async run({ wb }) {
      await wb.focusEditor();
      const problems = await wb.problems();
      const status = await wb.gongwenStatus();
      const label = await wb.runFromPalette('全文检查', (l) => l.includes('公文') && l.includes('全文检查'), 'command 「公文：全文检查」');
      // The summary is a picker (title 「公文校对：全文 N 字，发现 N 处问题」, counts by category, then
      // the findings) or a report panel listing the counts and every finding.
      const shown = await waitFor(
        async () => {
          const title = await wb.quickInputTitle();
          if (/公文校对：全文 [\d,]+ 字，发现 \d+ 处问题/.test(title)) return { kind: 'picker', title };
          const report = (await wb.webviewTexts()).find((t) => problems.every((p) => t.includes(p.message)));
          if (report) return { kind: 'report', text: report };
          return undefined;
        },
        {
          timeoutMs: UPDATE_LIMIT_MS,
          describe: async () =>
            `no summary after running 「${label}」: no picker titled 「公文校对：全文 N 字，发现 N 处问题」 (the quick input's title is ${JSON.stringify(await wb.quickInputTitle())}) and no panel listing the ${problems.length} findings (webviews: ${JSON.stringify((await wb.webviewTexts()).map((t) => t.slice(0, 200)))})`,
        },
      );

      if (shown.kind === 'report') {
        const count = new RegExp(`(^|\\D)${problems.length} 处`);
        if (!count.test(shown.text))
          throw new Error(`the report panel does not say 「${problems.length} 处」: ${JSON.stringify(shown.text.slice(0, 400))}`);
        if (!shown.text.includes(status.chars.toLocaleString('en-US'))) {
          throw new Error(
            `the report panel does not give the status bar's count of ${status.chars} 字: ${JSON.stringify(shown.text.slice(0, 400))}`,
          );
        }
        const firstLines = shown.text
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
          .slice(0, 6)
          .join(' / ');
        return `report panel: ${firstLines}`;
      }

      const [, chars, found] = /全文 ([\d,]+) 字，发现 (\d+) 处问题/.exec(shown.title);
      if (Number(found) !== problems.length) {
        throw new Error(`the summary says ${found} findings, the Problems panel lists ${problems.length}: ${summary(problems)}`);
      }
      if (Number(chars.replace(/,/g, '')) !== status.chars) {
        throw new Error(`the summary counts ${chars} 字, the status bar ${status.chars} 字`);
      }
      const rows = await wb.quickInputRows();
      const total = rows.find((r) => r.label.startsWith(`合计：${found} 处`));
      const categories = rows.filter((r) => /^[^：,]+：\d+ 处/.test(r.label) && !r.label.startsWith('合计'));
      const findingRows = rows.filter((r) => /^\d+:\d+ /.test(r.label));
      const categorySum = categories.reduce((n, r) => n + Number(/：(\d+) 处/.exec(r.label)[1]), 0);
      if (!total || categories.length === 0 || categorySum !== Number(found) || findingRows.length !== Number(found)) {
        throw new Error(`the summary's rows do not add up to ${found} findings: ${JSON.stringify(rows.map((r) => r.label))}`);
      }
      return `picker 「${shown.title}」; ${categories.map((r) => r.label.split(',')[0]).join('，')}`;
    },
    async after({ wb }) {
      if (await wb.quickInput().isVisible()) await wb.page.keyboard.press('Escape');
      await wb
        .quickInput()
        .waitFor({ state: 'hidden', timeout: 5000 })
        .catch(() => {});
    },
  },
  {
    id: '07-snippet',
    title: 'the 讲话稿 snippet (prefix jianghua) inserts the structure',
    async run({ wb, shot }) {
      await wb.focusEditor();
      await wb.page.keyboard.press('Control+End');
      // The status bar's 「Ln, Col」 follows the cursor with a short delay: wait for the last line.
      const atLine = (line) =>
        waitFor(async () => (await wb.cursorPosition()).line === line, {
          timeoutMs: 5000,
          describe: async () => `the cursor did not reach line ${line}: it is at ${(await wb.cursorPosition()).text}`,
        });
      const lines = await wb.editorLines();
      let line = lines[lines.length - 1].line;
      await atLine(line);
      if (lines[lines.length - 1].text !== '') {
        await wb.page.keyboard.press('Enter');
        line += 1;
        await atLine(line);
      }
      await wb.page.keyboard.type('jianghua', { delay: 30 });
      const isSnippet = (r) => r.label.startsWith('jianghua') && /讲话|snippet|代码片段/i.test(r.label);
      let rows = await waitFor(
        async () => {
          const list = await wb.suggestRows();
          return list.some(isSnippet) ? list : undefined;
        },
        { timeoutMs: 3000, describe: '' },
      ).catch(() => undefined);
      if (!rows) {
        // Quick suggestions did not open the list (they are a setting): ask for it as a writer can.
        await wb.page.keyboard.press('Control+Space');
        rows = await waitFor(
          async () => {
            const list = await wb.suggestRows();
            return list.some(isSnippet) ? list : undefined;
          },
          {
            timeoutMs: 10_000,
            describe: async () =>
              `the suggestion list offers no 讲话稿 snippet for 「jianghua」; it shows ${JSON.stringify((await wb.suggestRows()).map((r) => r.label))}`,
          },
        );
      }
      await shot('suggest');
      const row = rows.find(isSnippet);
      if (row.focused) {
        await wb.page.keyboard.press('Enter');
      } else {
        await wb.page.locator('.editor-widget.suggest-widget.visible .monaco-list-row', { hasText: 'jianghua' }).first().click();
      }
      const expected = { 0: '在会议名称上的讲话', 3: '同志们：' };
      await waitFor(
        async () => {
          for (const [offset, text] of Object.entries(expected)) {
            if ((await wb.lineText(line + Number(offset))) !== text) return false;
          }
          return true;
        },
        {
          timeoutMs: 5000,
          describe: async () =>
            `after accepting the snippet, lines ${line}–${line + 3} read ${JSON.stringify((await wb.editorLines()).filter((l) => l.line >= line && l.line <= line + 3).map((l) => l.text))}; expected 「在会议名称上的讲话」 … 「同志们：」`,
        },
      );
      // 「会议名称」 is selected, once or with its mirror in the opening paragraph.
      await waitFor(
        async () => {
          const after = await wb.cursorPosition();
          return after.selections >= 1 && after.selected === 4 * after.selections && (after.selections > 1 || after.line === line);
        },
        {
          timeoutMs: 5000,
          describe: async () =>
            `the first placeholder 「会议名称」 is not selected after the snippet: the cursor is at ${(await wb.cursorPosition()).text}`,
        },
      );
      const inserted = (await wb.editorLines()).filter((l) => l.line >= line).map((l) => l.text);
      return `inserted ${inserted.length} lines from 「${inserted[0]}」, placeholder 「会议名称」 selected`;
    },
    async after({ wb }) {
      await wb.page.keyboard.press('Escape');
    },
  },
  {
    id: '08-gongwen-file',
    title: `a .gongwen file (${GONGWEN_FILE}): 公文 language, long lines wrapped, no boxes around full-width marks, 发文字号 coloured, findings shown`,
    async run({ wb }) {
      await wb.openFromExplorer(GONGWEN_FILE);
      const mode = await waitFor(
        async () => {
          const text = await wb.statusBarText('status.editor.mode');
          return text && text.includes('公文') ? text : undefined;
        },
        {
          timeoutMs: UPDATE_LIMIT_MS,
          describe: async () =>
            `the language mode in the status bar is ${JSON.stringify(await wb.statusBarText('status.editor.mode'))}, not 公文`,
        },
      );
      await waitFor(async () => (await wb.problems()).some((p) => p.message.includes('，，') && p.line === 6), {
        timeoutMs: DIAGNOSTICS_LIMIT_MS,
        describe: async () => `no 「，，」 finding on line 6 of ${GONGWEN_FILE}; the Problems panel lists ${summary(await wb.problems())}`,
      });
      const view = await wb.page.evaluate(() => {
        const editor = document.querySelector('.editor-instance .monaco-editor');
        const numbered = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')].filter(
          (el) => el.textContent.trim() !== '',
        ).length;
        const rows = editor.querySelectorAll('.view-lines .view-line').length;
        const boxes = editor.querySelectorAll('.unicode-highlight').length;
        const colorOf = (text) => {
          const span = [...editor.querySelectorAll('.view-lines .view-line span span')].find((s) => s.textContent.includes(text));
          return span ? getComputedStyle(span).color : undefined;
        };
        return { numbered, rows, boxes, docNumber: colorOf('东政办发'), plain: colorOf('各区人民政府') };
      });
      // The long paragraph (line 6) takes more than one row on screen: word wrap is on.
      if (!(view.rows > view.numbered)) throw new Error(`no line is wrapped: ${view.rows} rows on screen for ${view.numbered} lines`);
      if (view.boxes !== 0) throw new Error(`${view.boxes} characters are boxed as ambiguous`);
      if (!view.docNumber || !view.plain || view.docNumber === view.plain) {
        throw new Error(`the 发文字号 is not coloured apart from the text: ${view.docNumber} vs ${view.plain}`);
      }
      return `language 「${mode}」; ${view.numbered} lines on ${view.rows} rows (wrapped); no boxed characters; 发文字号 ${view.docNumber}, text ${view.plain}`;
    },
  },
  {
    id: '09-restricted-mode',
    title: "in Restricted Mode (a folder nobody trusted), documents are checked and the folder's .gongwen.json is not applied",
    async run({ openRestricted }) {
      const { wb } = await openRestricted('received', RECEIVED_FILES);
      const trust = await waitFor(
        async () => {
          const text = await wb.statusBarText('status.workspaceTrust');
          return text && /Restricted Mode|受限模式/.test(text) ? text : undefined;
        },
        {
          timeoutMs: 30_000,
          describe: async () =>
            `the status bar shows no Restricted Mode item: ${JSON.stringify(await wb.statusBarText('status.workspaceTrust'))}`,
        },
      );
      await wb.openFromExplorer(RECEIVED_FILE);
      await wb.openProblems();
      const problems = await waitFor(
        async () => {
          const list = await wb.problems();
          return list.some((p) => p.message.includes('，，')) && list.some((p) => p.message.includes('「关健」')) ? list : undefined;
        },
        {
          timeoutMs: DIAGNOSTICS_LIMIT_MS,
          describe: async () =>
            `the doubled comma and 「关健」 (which the untrusted .gongwen.json would hide) are not both listed: ${summary(await wb.problems())}`,
        },
      );
      const notice = wb.page.locator('.notifications-toasts .notification-toast', { hasText: '受限模式' }).first();
      await notice.waitFor({ state: 'visible', timeout: UPDATE_LIMIT_MS }).catch(() => {
        throw new Error("no notice that the folder's .gongwen.json is not applied in Restricted Mode");
      });
      await wb.focusEditor();
      // VS Code boxes every non-ASCII character in Restricted Mode unless the language says otherwise.
      const boxes = await wb.page.locator('.editor-instance .monaco-editor .unicode-highlight').count();
      if (boxes !== 0) throw new Error(`${boxes} characters or runs are boxed in Restricted Mode`);
      const said = await notice.innerText();
      if (!said.includes('受限模式：未采用此文件夹 .gongwen.json')) throw new Error(`the notice reads ${JSON.stringify(said)}`);
      return `status bar 「${trust}」; ${problems.length} findings, the .gongwen.json not applied; notice 「${said.split('\n')[0].slice(0, 60)}…」; nothing boxed`;
    },
  },
  {
    id: '10-word-document',
    title: `「检查 Word 文稿」 from the Explorer's menu on ${DOCX_FILE}: its paragraphs as lines, read-only, findings naming their paragraph`,
    async run({ wb }) {
      const row = wb.explorerRow(DOCX_FILE).first();
      await row.waitFor({ state: 'visible', timeout: 30_000 });
      await row.click({ button: 'right' });
      const item = wb.page.locator('.monaco-menu .action-item', { hasText: '检查 Word 文稿' }).first();
      await item.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => {
        throw new Error(`the Explorer's context menu on ${DOCX_FILE} has no 「检查 Word 文稿」`);
      });
      await item.click();
      await wb.page.locator('.tabs-container .tab.active', { hasText: DOCX_FILE }).waitFor({ state: 'visible', timeout: 15_000 });
      const expected = DOCX_PARAGRAPHS.map((p) => (Array.isArray(p) ? p.join('') : p));
      await waitFor(
        async () => {
          const lines = (await wb.editorLines()).map((l) => l.text);
          return expected.every((t, i) => lines[i] === t);
        },
        {
          timeoutMs: UPDATE_LIMIT_MS,
          describe: async () =>
            `the document's text is not shown a paragraph a line: ${JSON.stringify((await wb.editorLines()).map((l) => l.text))}`,
        },
      );
      await wb.openProblems();
      const problems = await waitFor(
        async () => {
          const list = await wb.problems();
          const dup = list.find((p) => p.line === 2 && p.message.startsWith('第 2 段：') && p.message.includes('，，'));
          const typo = list.find((p) => p.line === 3 && p.message.startsWith('第 3 段：') && p.message.includes('「关健」'));
          return dup && typo ? list : undefined;
        },
        {
          timeoutMs: DIAGNOSTICS_LIMIT_MS,
          describe: async () =>
            `the Problems panel does not list 「第 2 段：…，，…」 and 「第 3 段：…关健…」: ${summary(await wb.problems())}`,
        },
      );
      // Read-only: typing changes nothing.
      await wb.focusEditor();
      await wb.goToLine(1, { end: true });
      await wb.page.keyboard.type('字');
      await new Promise((resolve) => setTimeout(resolve, 500));
      const first = await wb.lineText(1);
      if (first !== expected[0]) throw new Error(`the Word document's text could be edited: line 1 reads ${JSON.stringify(first)}`);
      return `${expected.length} paragraphs as lines; ${problems.length} findings, e.g. 「${problems[0].message.slice(0, 40)}…」; read-only`;
    },
  },
  {
    id: '11-garbled',
    title: `a GBK file opened as UTF-8 (${GBK_FILE}): 「乱码，未检查」, a notice offering GB18030, and no findings`,
    async run({ wb }) {
      await wb.openFromExplorer(GBK_FILE);
      const status = await waitFor(
        async () => {
          const texts = await wb.page.$$eval('.statusbar .statusbar-item', (items) =>
            items.map((i) => i.innerText.replace(/\s+/g, ' ').trim()),
          );
          return texts.find((t) => t.includes('乱码，未检查'));
        },
        { timeoutMs: DIAGNOSTICS_LIMIT_MS, describe: 'the status bar does not say 「乱码，未检查」' },
      );
      const notice = wb.page.locator('.notifications-toasts .notification-toast', { hasText: '乱码' }).first();
      await notice.waitFor({ state: 'visible', timeout: UPDATE_LIMIT_MS }).catch(() => {
        throw new Error('no notice that the document looks garbled');
      });
      const said = await notice.innerText();
      if (!said.includes('GB18030')) throw new Error(`the notice offers no GB18030: ${JSON.stringify(said)}`);
      await wb.openProblems();
      // The doubled comma of the text would be found were it read right: none of its findings is published.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const squiggles = await wb.squiggleCount();
      if (squiggles !== 0) throw new Error(`${squiggles} squiggles on garbled text`);
      return `status bar 「${status}」; notice 「${said.split('\n')[0].slice(0, 50)}…」; no squiggles`;
    },
  },
];

module.exports = { STEPS, SAMPLE_FILE, SAMPLE_TEXT, WORKSPACE_FILES, DIAGNOSTICS_LIMIT_MS };
