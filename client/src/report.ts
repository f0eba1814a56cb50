/**
 * The 「全文检查」 report: counts per category and per rule, and every finding in reading order, as
 * the HTML of the report's webview and as a Markdown or HTML file to attach when a draft goes for
 * review.
 *
 * A pure module: no `vscode` import, no file access, no clock (the caller passes the time), so that
 * mocha can build and test it (test/client-report.test.js). UI labels go through @vscode/l10n;
 * finding messages and category labels come from the server and stay Chinese.
 *
 * Everything from the document (file name, flagged text, messages, suggestions) is escaped: a draft
 * may contain anything, including `<script>`.
 */
import * as l10n from '@vscode/l10n';
import { REPORT_MARK, type ProtocolFinding, type Severity } from '../../shared/protocol';
import { formatNumber } from './util';

export type ReportFormat = 'md' | 'html';

export interface ReportInput {
  /** The document's file name (not its path: the exported report may travel). */
  documentName: string;
  findings: readonly ProtocolFinding[];
  charCount: number;
  elapsedMs: number;
  checkedAt: Date;
  /** Present when the document reads as a speech. */
  speech?: { minutes: number; pace: number };
}

export interface ReportModel {
  documentName: string;
  charCount: number;
  elapsedMs: number;
  checkedAt: Date;
  speech?: { minutes: number; pace: number };
  total: number;
  bySeverity: Record<Severity, number>;
  /** Most frequent first. */
  byCategory: { label: string; count: number }[];
  /** Most frequent first. */
  byRule: { rule: string; categoryLabel: string; count: number }[];
  /** In reading order. A finding's index here is what the webview sends back when it is clicked. */
  findings: ProtocolFinding[];
}

/** Messages the webview posts to the extension. */
export type ReportRequest = { type: 'reveal'; index: number } | { type: 'export'; format: ReportFormat } | { type: 'rerun' };

const SEVERITIES: Severity[] = ['error', 'warning', 'info', 'hint'];

/** Longer flagged text is shortened in the report (a finding can span a whole residue paragraph). */
const MAX_SHOWN_TEXT = 60;

export function buildReport(input: ReportInput): ReportModel {
  const findings = [...input.findings].sort(compareByPosition);
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  const categories = new Map<string, number>();
  const rules = new Map<string, { rule: string; categoryLabel: string; count: number }>();
  for (const f of findings) {
    bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
    categories.set(f.categoryLabel, (categories.get(f.categoryLabel) ?? 0) + 1);
    const entry = rules.get(f.rule) ?? { rule: f.rule, categoryLabel: f.categoryLabel, count: 0 };
    entry.count++;
    rules.set(f.rule, entry);
  }
  return {
    documentName: input.documentName,
    charCount: input.charCount,
    elapsedMs: input.elapsedMs,
    checkedAt: input.checkedAt,
    speech: input.speech,
    total: findings.length,
    bySeverity,
    byCategory: [...categories.entries()]
      .map(([label, count]) => ({ label, count }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
    byRule: [...rules.values()].sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule)),
    findings,
  };
}

function compareByPosition(a: ProtocolFinding, b: ProtocolFinding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.rule.localeCompare(b.rule);
}

// ---------------------------------------------------------------------------------------------
// Labels and cell texts shared by the three renderings

function severityLabel(severity: Severity): string {
  switch (severity) {
    case 'error':
      return l10n.t('Error');
    case 'warning':
      return l10n.t('Warning');
    case 'info':
      return l10n.t('Information');
    default:
      return l10n.t('Hint');
  }
}

/** 1-based 「line:column」, as editors show positions. */
export function position(finding: ProtocolFinding): string {
  return `${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
}

/** Flagged text on one line: line breaks and tabs made visible, long runs shortened. */
export function shownText(text: string): string {
  const oneLine = text.replace(/\r?\n/g, '↵').replace(/\t/g, '→');
  const chars = [...oneLine];
  return chars.length > MAX_SHOWN_TEXT ? `${chars.slice(0, MAX_SHOWN_TEXT - 1).join('')}…` : oneLine;
}

/** The suggested replacements, '' shown as a deletion; empty when only the writer can fix it. */
function suggestionText(finding: ProtocolFinding): string {
  return finding.suggestions
    .filter((s) => s !== finding.text)
    .map((s) => (s === '' ? l10n.t('(delete)') : shownText(s)))
    .join(l10n.t(', '));
}

/** Local time as 2026-01-05 14:03: the same in every locale, and sortable. */
export function formatDateTime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** The lines under the report's title: document, counts, time. */
function summaryLines(model: ReportModel): string[] {
  const lines = [
    l10n.t('Document: {0}', model.documentName),
    l10n.t('Checked: {0}', formatDateTime(model.checkedAt)),
    l10n.t('Characters: {0} (every character except whitespace; punctuation counts)', formatNumber(model.charCount)),
  ];
  if (model.speech) {
    lines.push(l10n.t('Speaking time: about {0} min at {1} characters a minute', model.speech.minutes, model.speech.pace));
  }
  const severities = SEVERITIES.filter((s) => model.bySeverity[s] > 0)
    .map((s) => `${severityLabel(s)} ${model.bySeverity[s]}`)
    .join(l10n.t(', '));
  lines.push(model.total === 0 ? l10n.t('Findings: none') : l10n.t('Findings: {0} ({1})', model.total, severities));
  return lines;
}

/** The default file name for an exported report, next to the document: 「通知.txt」 → 「通知-校对报告.md」. */
export function reportFileName(documentFileName: string, format: ReportFormat): string {
  const stem = documentFileName.replace(/\.[^./\\]+$/, '') || documentFileName;
  return `${l10n.t('{0}-proofreading-report', stem)}.${format}`;
}

// ---------------------------------------------------------------------------------------------
// Escaping

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

/**
 * Text for Markdown (a table cell or a list item): the characters that could start emphasis, code,
 * a link, an HTML tag or an entity, end the cell (`|`) or start math (`$`, on GitHub) are
 * backslash-escaped; line breaks are made visible. Other punctuation stays as it is, so that the
 * file still reads well as plain text.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r?\n/g, ' ↵ ').replace(/[\\`*_[\]<>|~&$]/g, (ch) => `\\${ch}`);
}

// ---------------------------------------------------------------------------------------------
// Markdown

export function renderMarkdown(model: ReportModel): string {
  // The mark first: a report saved next to the draft is never proofread itself.
  const out: string[] = [REPORT_MARK];
  out.push(`# ${escapeMarkdown(l10n.t('Proofreading report: {0}', model.documentName))}`, '');
  for (const line of summaryLines(model)) out.push(`- ${escapeMarkdown(line)}`);
  out.push('');

  if (model.total > 0) {
    out.push(`## ${escapeMarkdown(l10n.t('By category'))}`, '');
    out.push(`| ${l10n.t('Category')} | ${l10n.t('Count')} |`, '| --- | ---: |');
    for (const c of model.byCategory) out.push(`| ${escapeMarkdown(c.label)} | ${c.count} |`);
    out.push('');

    out.push(`## ${escapeMarkdown(l10n.t('By rule'))}`, '');
    out.push(`| ${l10n.t('Rule')} | ${l10n.t('Category')} | ${l10n.t('Count')} |`, '| --- | --- | ---: |');
    for (const r of model.byRule) out.push(`| \`${r.rule.replace(/`/g, '')}\` | ${escapeMarkdown(r.categoryLabel)} | ${r.count} |`);
    out.push('');

    out.push(`## ${escapeMarkdown(l10n.t('Findings'))}`, '');
    out.push(
      `| # | ${l10n.t('Position')} | ${l10n.t('Severity')} | ${l10n.t('Rule')} | ${l10n.t('Text')} | ${l10n.t('Problem')} | ${l10n.t('Suggestion')} |`,
      '| ---: | --- | --- | --- | --- | --- | --- |',
    );
    model.findings.forEach((f, i) => {
      out.push(
        `| ${i + 1} | ${position(f)} | ${escapeMarkdown(severityLabel(f.severity))} | ${escapeMarkdown(f.categoryLabel)} \`${f.rule.replace(/`/g, '')}\` ` +
          `| ${escapeMarkdown(shownText(f.text))} | ${escapeMarkdown(f.message)} | ${escapeMarkdown(suggestionText(f))} |`,
      );
    });
    out.push('');
  } else {
    out.push(escapeMarkdown(l10n.t('No problems found.')), '');
  }
  out.push(`*${escapeMarkdown(l10n.t('Generated offline by gongwen. Line and column numbers count from 1.'))}*`, '');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// HTML: the webview and the exported file share the body; only the webview has a script.

const STYLE = `
body { font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 14px);
  color: var(--vscode-foreground, #222); background: var(--vscode-editor-background, #fff); margin: 0 1.5em 2em; line-height: 1.5; }
h1 { font-size: 1.4em; margin: 1em 0 .3em; } h2 { font-size: 1.1em; margin: 1.5em 0 .4em; }
ul.summary { list-style: none; padding: 0; margin: 0; color: var(--vscode-descriptionForeground, #555); }
table { border-collapse: collapse; margin: .3em 0; }
th, td { border-bottom: 1px solid var(--vscode-panel-border, #ddd); padding: .25em .7em; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.error td.sev { color: var(--vscode-errorForeground, #c00); }
tr.warning td.sev { color: var(--vscode-editorWarning-foreground, #b60); }
tr.info td.sev, tr.hint td.sev { color: var(--vscode-editorInfo-foreground, #06c); }
table.findings { width: 100%; }
td.pos, td.sev, td.rule code { white-space: nowrap; }
td.msg { min-width: 10em; }
/* A narrow panel beside the draft: one finding per block instead of a table too wide to read. */
@media (max-width: 640px) {
  table.findings thead { display: none; }
  table.findings tr { display: block; padding: .4em 0; border-bottom: 1px solid var(--vscode-panel-border, #ddd); }
  table.findings td { display: inline; border: none; padding: 0 .4em 0 0; }
  table.findings td.msg, table.findings td.sugg { display: block; padding-left: 2em; }
  table.findings td.sugg:empty { display: none; }
  table.findings td.sugg::before { content: "→ "; }
}
code { font-family: var(--vscode-editor-font-family, monospace); }
.actions { margin: .8em 0; display: flex; gap: .5em; flex-wrap: wrap; }
button { font: inherit; color: var(--vscode-button-foreground); background: var(--vscode-button-background);
  border: none; padding: .3em .8em; cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground); }
button.secondary { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); }
button.link { color: var(--vscode-textLink-foreground); background: none; padding: 0; text-decoration: underline; }
button.link:focus-visible, button:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
.stale { padding: .4em .8em; background: var(--vscode-inputValidation-warningBackground, #fff4d6);
  border: 1px solid var(--vscode-inputValidation-warningBorder, #b60); }
[hidden] { display: none !important; }
`;

function tableOfCounts(model: ReportModel, interactive: boolean): string {
  const categoryRows = model.byCategory
    .map((c, i) => {
      const label = interactive
        ? `<button type="button" class="link" data-action="filter" data-category="${i}">${escapeHtml(c.label)}</button>`
        : escapeHtml(c.label);
      return `<tr><td>${label}</td><td class="num">${c.count}</td></tr>`;
    })
    .join('\n');
  const ruleRows = model.byRule
    .map(
      (r) => `<tr><td><code>${escapeHtml(r.rule)}</code></td><td>${escapeHtml(r.categoryLabel)}</td><td class="num">${r.count}</td></tr>`,
    )
    .join('\n');
  const showAll = interactive
    ? `<p><button type="button" class="link" data-action="filter" data-category="">${escapeHtml(l10n.t('Show all findings'))}</button></p>`
    : '';
  return `<h2>${escapeHtml(l10n.t('By category'))}</h2>
<table><thead><tr><th>${escapeHtml(l10n.t('Category'))}</th><th class="num">${escapeHtml(l10n.t('Count'))}</th></tr></thead>
<tbody>
${categoryRows}
</tbody></table>
${showAll}
<h2>${escapeHtml(l10n.t('By rule'))}</h2>
<table><thead><tr><th>${escapeHtml(l10n.t('Rule'))}</th><th>${escapeHtml(l10n.t('Category'))}</th><th class="num">${escapeHtml(l10n.t('Count'))}</th></tr></thead>
<tbody>
${ruleRows}
</tbody></table>`;
}

function findingsTable(model: ReportModel, interactive: boolean): string {
  const categoryIndex = new Map(model.byCategory.map((c, i) => [c.label, i]));
  const rows = model.findings
    .map((f, i) => {
      const where = interactive
        ? `<button type="button" class="link" data-action="reveal" data-index="${i}" title="${escapeHtml(
            l10n.t('Go to line {0}, column {1}', f.range.start.line + 1, f.range.start.character + 1),
          )}">${position(f)}</button>`
        : position(f);
      return (
        `<tr class="${f.severity}" data-category="${categoryIndex.get(f.categoryLabel) ?? ''}">` +
        `<td class="num">${i + 1}</td><td class="pos">${where}</td><td class="sev">${escapeHtml(severityLabel(f.severity))}</td>` +
        `<td class="rule">${escapeHtml(f.categoryLabel)} <code>${escapeHtml(f.rule)}</code></td>` +
        `<td class="text">「${escapeHtml(shownText(f.text))}」</td><td class="msg">${escapeHtml(f.message)}</td>` +
        `<td class="sugg">${escapeHtml(suggestionText(f))}</td></tr>`
      );
    })
    .join('\n');
  return `<h2>${escapeHtml(l10n.t('Findings'))}</h2>
<table class="findings"><thead><tr><th class="num">#</th><th>${escapeHtml(l10n.t('Position'))}</th><th>${escapeHtml(
    l10n.t('Severity'),
  )}</th><th>${escapeHtml(l10n.t('Rule'))}</th><th>${escapeHtml(l10n.t('Text'))}</th><th>${escapeHtml(
    l10n.t('Problem'),
  )}</th><th>${escapeHtml(l10n.t('Suggestion'))}</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
}

function reportBody(model: ReportModel, interactive: boolean): string {
  const summary = summaryLines(model)
    .map((line) => `<li>${escapeHtml(line)}</li>`)
    .join('\n');
  const details =
    model.total === 0
      ? `<p>${escapeHtml(l10n.t('No problems found.'))}</p>`
      : `${tableOfCounts(model, interactive)}\n${findingsTable(model, interactive)}`;
  return `<h1>${escapeHtml(l10n.t('Proofreading report: {0}', model.documentName))}</h1>
<ul class="summary">
${summary}
</ul>
${interactive ? webviewActions() : ''}
${details}`;
}

function webviewActions(): string {
  return `<div class="actions">
<button type="button" data-action="rerun">${escapeHtml(l10n.t('Check again'))}</button>
<button type="button" class="secondary" data-action="export" data-format="md">${escapeHtml(l10n.t('Export as Markdown…'))}</button>
<button type="button" class="secondary" data-action="export" data-format="html">${escapeHtml(l10n.t('Export as HTML…'))}</button>
</div>
<p id="stale" class="stale" hidden>${escapeHtml(
    l10n.t('The document has changed since this check: positions may be off.'),
  )} <button type="button" class="link" data-action="rerun">${escapeHtml(l10n.t('Check again'))}</button></p>`;
}

/** The webview's script: clicks become messages to the extension; the extension says when the report is stale. */
const WEBVIEW_SCRIPT = `(function () {
  const vscode = acquireVsCodeApi();
  function filter(category) {
    for (const row of document.querySelectorAll('table.findings tbody tr')) {
      row.hidden = category !== '' && row.getAttribute('data-category') !== category;
    }
  }
  document.addEventListener('click', function (event) {
    const target = event.target instanceof Element ? event.target.closest('[data-action]') : null;
    if (!target) return;
    const action = target.getAttribute('data-action');
    if (action === 'reveal') vscode.postMessage({ type: 'reveal', index: Number(target.getAttribute('data-index')) });
    else if (action === 'export') vscode.postMessage({ type: 'export', format: target.getAttribute('data-format') });
    else if (action === 'rerun') vscode.postMessage({ type: 'rerun' });
    else if (action === 'filter') filter(target.getAttribute('data-category') || '');
  });
  window.addEventListener('message', function (event) {
    const message = event.data;
    if (message && message.type === 'stale') document.getElementById('stale').hidden = !message.stale;
  });
})();`;

/**
 * The webview's page. Strict CSP: nothing may load from anywhere; the one style sheet and the one
 * script run because they carry the nonce, which the caller makes fresh for every rendering.
 */
export function renderWebviewHtml(model: ReportModel, options: { nonce: string }): string {
  const nonce = options.nonce;
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(nonce)) throw new Error('the nonce must be at least 16 base64 characters');
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src 'none'; font-src 'none'; connect-src 'none'; form-action 'none'; frame-src 'none'`;
  return `<!DOCTYPE html>
${REPORT_MARK}
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(l10n.t('Proofreading report: {0}', model.documentName))}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
${reportBody(model, true)}
<script nonce="${nonce}">${WEBVIEW_SCRIPT}</script>
</body>
</html>
`;
}

/** A self-contained page to attach to a draft: no script, nothing loaded from anywhere. */
export function renderExportHtml(model: ReportModel): string {
  return `<!DOCTYPE html>
${REPORT_MARK}
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="gongwen">
<title>${escapeHtml(l10n.t('Proofreading report: {0}', model.documentName))}</title>
<style>${STYLE}</style>
</head>
<body>
${reportBody(model, false)}
<p><em>${escapeHtml(l10n.t('Generated offline by gongwen. Line and column numbers count from 1.'))}</em></p>
</body>
</html>
`;
}

/** The report in the chosen export format. */
export function renderExport(model: ReportModel, format: ReportFormat): string {
  return format === 'md' ? renderMarkdown(model) : renderExportHtml(model);
}

/** Validates a message from the webview (it is another process: trust nothing). */
export function parseReportRequest(message: unknown, findingCount: number): ReportRequest | undefined {
  if (!message || typeof message !== 'object') return undefined;
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'reveal':
      return Number.isInteger(m.index) && (m.index as number) >= 0 && (m.index as number) < findingCount
        ? { type: 'reveal', index: m.index as number }
        : undefined;
    case 'export':
      return m.format === 'md' || m.format === 'html' ? { type: 'export', format: m.format } : undefined;
    case 'rerun':
      return { type: 'rerun' };
    default:
      return undefined;
  }
}
