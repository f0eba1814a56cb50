/**
 * The 「全文检查」 report in a webview panel, and its export to a file. The page itself is built by
 * report.ts (pure, tested by mocha); this module owns the panel, answers its clicks (go to a
 * finding, export, check again) and tells it when the document has changed since the check.
 *
 * One panel for the whole window: a new check replaces the report, as a second 「全文检查」 is
 * almost always the same draft after fixes.
 */
import * as l10n from '@vscode/l10n';
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { DOCX_SCHEME, type CheckDocumentResult, type ProtocolFinding } from '../../shared/protocol';
import { buildReport, parseReportRequest, renderExport, renderWebviewHtml, ReportFormat, ReportModel, reportFileName } from './report';
import { errorMessage } from './util';

/** A finished check: what the report shows and exports. */
export interface ReportSubject {
  document: vscode.TextDocument;
  result: CheckDocumentResult;
  checkedAt: Date;
  speech?: { minutes: number; pace: number };
}

export class ReportPanel implements vscode.Disposable {
  static readonly viewType = 'gongwen.report';

  private panel: vscode.WebviewPanel | undefined;
  private subject: ReportSubject | undefined;
  private model: ReportModel | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  /** `rerun` runs 「全文检查」 again on the document (the command shows the new report here). */
  constructor(private readonly rerun: (uri: vscode.Uri) => Thenable<unknown>) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.subject?.document) this.postStale();
      }),
    );
  }

  show(subject: ReportSubject): void {
    this.subject = subject;
    this.model = reportModel(subject);
    const title = l10n.t('Report: {0}', this.model.documentName);
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        ReportPanel.viewType,
        title,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        // No local resources: the page is one self-contained HTML string.
        { enableScripts: true, enableFindWidget: true, localResourceRoots: [] },
      );
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.subject = undefined;
        this.model = undefined;
      });
      this.panel.webview.onDidReceiveMessage((message) => void this.handle(message));
      // A hidden webview is reloaded from its HTML when shown again, which resets the stale notice.
      this.panel.onDidChangeViewState((event) => {
        if (event.webviewPanel.visible) this.postStale();
      });
    } else {
      // Where it already is: moving it on every check would shuffle the writer's layout.
      this.panel.reveal(undefined, true);
    }
    this.panel.title = title;
    // A fresh nonce for every page: the CSP lets only this page's own style and script run.
    this.panel.webview.html = renderWebviewHtml(this.model, { nonce: randomBytes(18).toString('base64') });
  }

  dispose(): void {
    this.panel?.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private async handle(message: unknown): Promise<void> {
    const subject = this.subject;
    const model = this.model;
    if (!subject || !model) return;
    const request = parseReportRequest(message, model.findings.length);
    if (!request) return;
    try {
      switch (request.type) {
        case 'reveal':
          await revealFinding(subject.document, model.findings[request.index]);
          break;
        case 'export':
          await exportReport(subject, request.format);
          break;
        case 'rerun':
          await this.rerun(subject.document.uri);
          break;
      }
    } catch (error) {
      void vscode.window.showErrorMessage(l10n.t('Gongwen: {0}', errorMessage(error)));
    }
  }

  private postStale(): void {
    const subject = this.subject;
    if (!this.panel || !subject) return;
    const stale = subject.document.isClosed || subject.document.version !== subject.result.version;
    void this.panel.webview.postMessage({ type: 'stale', stale });
  }
}

/** Selects the finding's text in the editor that shows the document (or opens one there). */
export async function revealFinding(document: vscode.TextDocument, finding: ProtocolFinding): Promise<void> {
  let target = document;
  if (document.isClosed) {
    if (document.isUntitled) throw new Error(l10n.t('the draft has been closed'));
    target = await vscode.workspace.openTextDocument(document.uri);
  }
  // The document may have been edited since the check; clamp rather than fail on a stale range.
  const range = target.validateRange(
    new vscode.Range(finding.range.start.line, finding.range.start.character, finding.range.end.line, finding.range.end.character),
  );
  const column =
    vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === target.uri.toString())?.viewColumn ??
    vscode.ViewColumn.One;
  const editor = await vscode.window.showTextDocument(target, { viewColumn: column, selection: range, preserveFocus: false });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/**
 * Saves the report as Markdown or HTML where the writer chooses, suggesting a file next to the
 * document (「通知-校对报告.md」). Asks for the format when none is given. Resolves to the file written.
 */
export async function exportReport(subject: ReportSubject, format?: ReportFormat): Promise<vscode.Uri | undefined> {
  const chosen = format ?? (await pickFormat());
  if (!chosen) return undefined;

  const model = reportModel(subject);
  const fileName = reportFileName(model.documentName, chosen);
  const target = await vscode.window.showSaveDialog({
    defaultUri: defaultExportUri(subject.document, fileName),
    filters: chosen === 'md' ? { Markdown: ['md'] } : { HTML: ['html', 'htm'] },
    saveLabel: l10n.t('Export'),
    title: l10n.t('Export the proofreading report'),
  });
  if (!target) return undefined;

  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(renderExport(model, chosen)));
  const open = l10n.t('Open');
  void vscode.window
    .showInformationMessage(l10n.t('Gongwen: report saved to {0}.', vscode.workspace.asRelativePath(target)), open)
    .then((choice) => {
      if (choice === open) void vscode.commands.executeCommand('vscode.open', target);
    });
  return target;
}

async function pickFormat(): Promise<ReportFormat | undefined> {
  const items: (vscode.QuickPickItem & { format: ReportFormat })[] = [
    { label: 'Markdown', description: '.md', detail: l10n.t('Plain text with tables; readable anywhere'), format: 'md' },
    { label: 'HTML', description: '.html', detail: l10n.t('A page that opens in any browser; prints well'), format: 'html' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: l10n.t('Export the proofreading report as') });
  return picked?.format;
}

/** Next to the document; for an untitled draft, in the first workspace folder, else the home folder. */
function defaultExportUri(document: vscode.TextDocument, fileName: string): vscode.Uri {
  // A Word document's text (scheme gongwen-docx): next to the .docx.
  if (document.uri.scheme === DOCX_SCHEME) return vscode.Uri.joinPath(document.uri.with({ scheme: 'file' }), '..', fileName);
  if (!document.isUntitled) return vscode.Uri.joinPath(document.uri, '..', fileName);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, fileName) : vscode.Uri.file(`${homedir()}/${fileName}`);
}

/** The file name (「Untitled-1」 for a draft). */
/** The report's content for one check of one document. */
function reportModel(subject: ReportSubject): ReportModel {
  return buildReport({
    documentName: documentName(subject.document),
    findings: subject.result.findings,
    charCount: subject.result.charCount,
    elapsedMs: subject.result.elapsedMs,
    checkedAt: subject.checkedAt,
    speech: subject.speech,
  });
}

function documentName(document: vscode.TextDocument): string {
  const path = document.uri.path;
  return path.slice(path.lastIndexOf('/') + 1) || path;
}
