/**
 * The quick path to the findings (「公文：问题列表」): a picker with the totals first, then one entry
 * per finding in reading order; picking one jumps to it. For when a webview report is more than the
 * moment needs.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { CheckDocumentResult, ProtocolFinding, Severity } from '../../shared/protocol';
import { buildReport, shownText } from './report';
import { revealFinding } from './reportPanel';
import { formatNumber } from './util';

interface FindingItem extends vscode.QuickPickItem {
  finding?: ProtocolFinding;
}

export function showFindingsList(document: vscode.TextDocument, result: CheckDocumentResult): void {
  const model = buildReport({
    documentName: '',
    findings: result.findings,
    charCount: result.charCount,
    elapsedMs: result.elapsedMs,
    checkedAt: new Date(),
  });
  const picker = vscode.window.createQuickPick<FindingItem>();
  picker.title = l10n.t('Gongwen: {0} characters, {1} findings', formatNumber(result.charCount), model.total);
  picker.placeholder = l10n.t('Pick a finding to go to it; type to filter');
  picker.matchOnDescription = true;
  picker.matchOnDetail = true;

  const summary: FindingItem[] = [
    { label: l10n.t('Summary'), kind: vscode.QuickPickItemKind.Separator },
    ...model.byCategory.map((c): FindingItem => ({ label: l10n.t('{0}: {1} findings', c.label, c.count), alwaysShow: true })),
    {
      label: l10n.t('Total: {0} findings', model.total),
      description: l10n.t('{0} characters · {1} ms', formatNumber(result.charCount), Math.round(result.elapsedMs)),
      alwaysShow: true,
    },
    { label: l10n.t('Findings (in reading order)'), kind: vscode.QuickPickItemKind.Separator },
  ];
  const items = model.findings.map((finding): FindingItem => {
    const { line, character } = finding.range.start;
    const suggestions = finding.suggestions.filter((s) => s !== finding.text);
    return {
      label: `${line + 1}:${character + 1} ${finding.rule} 「${quickPickText(finding.text)}」`,
      description: finding.message,
      detail: suggestions.length > 0 ? l10n.t('Suggestion: {0}', suggestions.map(quickPickText).join('、')) : undefined,
      iconPath: severityIcon(finding.severity),
      finding,
    };
  });
  picker.items = [...summary, ...items];

  picker.onDidAccept(() => {
    const finding = picker.selectedItems[0]?.finding;
    if (!finding) return; // a summary line: nothing to jump to, keep the list open
    picker.hide();
    void revealFinding(document, finding);
  });
  picker.onDidHide(() => picker.dispose());
  picker.show();
}

/** QuickPick labels render `$(name)` as an icon; a zero-width space keeps document text literal. */
function quickPickText(text: string): string {
  return shownText(text).replace(/\$\(/g, '$\u200b(');
}

function severityIcon(severity: Severity): vscode.ThemeIcon {
  switch (severity) {
    case 'error':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
    case 'warning':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    case 'info':
      return new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground'));
    default:
      return new vscode.ThemeIcon('lightbulb');
  }
}
