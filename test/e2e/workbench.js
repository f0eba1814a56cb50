'use strict';
// What a writer sees and does in the VS Code workbench, read from and done through the page: the
// editor's lines, the squiggles, the Problems panel, the status bar, the command palette, the
// light bulb, hovers and the suggestion list. Everything waits by polling with a deadline.

const SQUIGGLES = '.squiggly-error, .squiggly-warning, .squiggly-info, .squiggly-hint';

/** Polls `probe` until it returns a truthy value; throws `describe(lastValue)` after `timeoutMs`. */
async function waitFor(probe, { timeoutMs = 10_000, intervalMs = 150, describe }) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) {
      const detail = typeof describe === 'function' ? await describe(last) : describe;
      throw new Error(`${detail} (waited ${Math.round(timeoutMs / 1000)} s)`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

class Workbench {
  constructor(page) {
    this.page = page;
  }

  // -------------------------------------------------------------------------------------------
  // Opening

  async load(url) {
    await this.page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  }

  explorerRow(fileName) {
    return this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileName });
  }

  /** Clicks the file in the Explorer and waits for its editor. */
  async openFromExplorer(fileName) {
    const row = this.explorerRow(fileName);
    await row.first().waitFor({ state: 'visible', timeout: 30_000 });
    await row.first().click();
    await this.page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor({ state: 'visible', timeout: 15_000 });
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible', timeout: 15_000 });
  }

  /** Keyboard focus into the (first) editor group, where the cursor was. */
  async focusEditor() {
    await this.page.keyboard.press('Control+1');
    await waitFor(
      () => this.page.evaluate(() => Boolean(document.activeElement && document.activeElement.closest('.editor-instance .monaco-editor'))),
      { timeoutMs: 5000, describe: 'the editor did not take the keyboard focus' },
    );
  }

  // -------------------------------------------------------------------------------------------
  // The editor

  /** The rendered lines of the editor: [{ line, text }] in order (only what is scrolled into view). */
  editorLines() {
    return this.page.evaluate(() => {
      const editor = document.querySelector('.editor-instance .monaco-editor');
      if (!editor) return [];
      const numbers = new Map();
      for (const el of editor.querySelectorAll('.margin-view-overlays .line-numbers')) {
        const top = parseInt(el.parentElement.style.top, 10);
        numbers.set(top, parseInt(el.textContent, 10));
      }
      return [...editor.querySelectorAll('.view-lines .view-line')]
        .map((el) => ({ top: parseInt(el.style.top, 10), text: el.textContent.replace(/\u00a0/g, ' ') }))
        .sort((a, b) => a.top - b.top)
        .map(({ top, text }) => ({ line: numbers.get(top), text }));
    });
  }

  async lineText(line) {
    const found = (await this.editorLines()).find((l) => l.line === line);
    return found ? found.text : undefined;
  }

  /** 「转到行」 (Ctrl+G), then the End key when asked. */
  async goToLine(line, { end = false } = {}) {
    await this.page.keyboard.press('Control+g');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 5000 });
    await this.page.keyboard.type(String(line));
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5000 });
    await waitFor(async () => (await this.cursorPosition()).line === line, {
      timeoutMs: 5000,
      describe: `the cursor did not move to line ${line}`,
    });
    if (end) await this.page.keyboard.press('End');
  }

  /**
   * The cursor from the status bar's 「Ln 8, Col 37 (4 selected)」 item: line, column, number of
   * selections and selected characters (several cursors show no line and column).
   */
  async cursorPosition() {
    const text = (await this.statusBarText('status.editor.selection')) || '';
    const match = /Ln (\d+), Col (\d+)(?: \((\d+) selected\))?/.exec(text);
    if (match) return { line: Number(match[1]), column: Number(match[2]), selections: 1, selected: Number(match[3] || 0), text };
    // Several cursors (a snippet's mirrored placeholder): 「2 selections (8 characters selected)」.
    const multi = /(\d+) selections(?: \((\d+) characters selected\))?/.exec(text);
    if (multi) return { selections: Number(multi[1]), selected: Number(multi[2] || 0), text };
    return { text };
  }

  /** Bounding boxes of the squiggles drawn on one line of the editor. */
  squigglesOnLine(line) {
    return this.page.evaluate(
      ({ line, selector }) => {
        const editor = document.querySelector('.editor-instance .monaco-editor');
        if (!editor) return [];
        let top;
        for (const el of editor.querySelectorAll('.margin-view-overlays .line-numbers')) {
          if (parseInt(el.textContent, 10) === line) top = el.parentElement.style.top;
        }
        if (top === undefined) return [];
        return [...editor.querySelectorAll('.view-overlays > div')]
          .filter((row) => row.style.top === top)
          .flatMap((row) => [...row.querySelectorAll(selector)])
          .map((el) => {
            const r = el.getBoundingClientRect();
            return { x: r.x, y: r.y, width: r.width, height: r.height, className: el.className };
          })
          .filter((r) => r.width > 0);
      },
      { line, selector: SQUIGGLES },
    );
  }

  squiggleCount() {
    return this.page.locator(`.editor-instance .monaco-editor .view-overlays :is(${SQUIGGLES})`).count();
  }

  // -------------------------------------------------------------------------------------------
  // Problems panel and status bar

  async openProblems() {
    if (!(await this.page.locator('.markers-panel').isVisible())) {
      await this.page.keyboard.press('Control+Shift+M');
    }
    await this.page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 10_000 });
  }

  /**
   * The findings the Problems panel lists from the extension (source gongwen):
   * [{ severity, message, line, column }], from each row's accessible label.
   */
  async problems() {
    const labels = await this.page.$$eval('.markers-panel .monaco-list-row', (rows) =>
      rows.map((row) => row.getAttribute('aria-label') || ''),
    );
    return labels
      .map((label) => /^(Error|Warning|Info|Hint): ([\s\S]*) at line (\d+) and character (\d+)\. generated by (\S+)/.exec(label))
      .filter((m) => m && m[5] === 'gongwen')
      .map((m) => ({ severity: m[1], message: m[2], line: Number(m[3]), column: Number(m[4]) }));
  }

  async statusBarText(id) {
    const item = this.page.locator(`.statusbar [id="${id}"]`);
    if ((await item.count()) === 0) return undefined;
    return (await item.first().innerText()).replace(/\s+/g, ' ').trim();
  }

  /** The extension's status bar item, parsed: `N 处 · N 字`. */
  async gongwenStatus() {
    const texts = await this.page.$$eval('.statusbar .statusbar-item', (items) =>
      items.map((item) => item.innerText.replace(/\s+/g, ' ').trim()),
    );
    for (const text of texts) {
      const match = /(\d+) 处 · ([\d,]+) 字/.exec(text);
      if (match) return { findings: Number(match[1]), chars: Number(match[2].replace(/,/g, '')), text };
    }
    return undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Quick input (command palette, pickers)

  quickInput() {
    return this.page.locator('.quick-input-widget');
  }

  async quickInputRows() {
    return this.page.$$eval('.quick-input-widget .quick-input-list .monaco-list-row', (rows) =>
      rows.map((row) => ({
        label: row.getAttribute('aria-label') || '',
        text: row.innerText.replace(/\s+/g, ' ').trim(),
        focused: row.classList.contains('focused'),
      })),
    );
  }

  async quickInputTitle() {
    const title = this.page.locator('.quick-input-widget .quick-input-title');
    if (!(await title.isVisible())) return '';
    return (await title.innerText()).trim();
  }

  /** Opens the command palette (F1), types `query`, and runs the entry whose label satisfies `matches`. */
  async runFromPalette(query, matches, description) {
    await this.page.keyboard.press('F1');
    await this.quickInput().waitFor({ state: 'visible', timeout: 10_000 });
    await this.page.keyboard.type(query);
    const row = await waitFor(async () => (await this.quickInputRows()).find((r) => matches(r.label)), {
      timeoutMs: 10_000,
      describe: async () =>
        `the command palette lists no ${description} for 「${query}」; it shows: ${JSON.stringify((await this.quickInputRows()).map((r) => r.label))}`,
    });
    if (!row.focused) {
      await this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: row.text }).first().click();
    } else {
      await this.page.keyboard.press('Enter');
    }
    return row.label;
  }

  /** The text of every frame but the workbench itself: the webviews (an extension's panels). */
  async webviewTexts() {
    const texts = [];
    for (const frame of this.page.frames()) {
      if (frame === this.page.mainFrame()) continue;
      const text = await frame.evaluate(() => (document.body ? document.body.innerText : '')).catch(() => '');
      if (text.trim()) texts.push(text);
    }
    return texts;
  }

  // -------------------------------------------------------------------------------------------
  // Widgets in the editor

  /** The visible hover's text, or ''. */
  async hoverText() {
    const hovers = this.page.locator('.monaco-hover:not(.hidden)');
    const n = await hovers.count();
    const texts = [];
    for (let i = 0; i < n; i++) {
      if (await hovers.nth(i).isVisible()) texts.push((await hovers.nth(i).innerText()).trim());
    }
    return texts.join('\n');
  }

  async suggestRows() {
    return this.page.$$eval('.editor-widget.suggest-widget.visible .monaco-list-row', (rows) =>
      rows.map((row) => ({ label: row.getAttribute('aria-label') || '', focused: row.classList.contains('focused') })),
    );
  }

  /** The light bulb next to the cursor's line: in the glyph margin (VS Code ≥ 1.89) or as a content widget. */
  lightBulb() {
    return this.page.locator(
      '.editor-instance .monaco-editor :is(.glyph-margin-widgets [class*="codicon-gutter-lightbulb"], .lightBulbWidget .codicon)',
    );
  }

  async actionRows() {
    return this.page.$$eval('.action-widget .monaco-list-row.action', (rows) =>
      rows.map((row) => ({ label: row.getAttribute('aria-label') || row.innerText.trim(), focused: row.classList.contains('focused') })),
    );
  }
}

module.exports = { Workbench, waitFor, SQUIGGLES };
