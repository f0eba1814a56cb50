/**
 * The commands: 「全文检查」 (report), 「问题列表」 (quick picker), 「导出检查报告」,
 * 「修正全部可自动修正的问题」, and `gongwen.allowWord` behind the server's "ignore this word" action.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ALLOW_WORD_COMMAND,
  CHECK_DOCUMENT_COMMAND,
  CHECK_DOCUMENT_REQUEST,
  CheckDocumentParams,
  CheckDocumentResult,
  FIX_ALL_COMMAND,
  FIXES_REQUEST,
  FixesParams,
  FixesResult,
} from '../../shared/protocol';
import { allowWord } from './allowWord';
import { showFindingsList } from './findingsList';
import { requireClient, ServerHandle } from './languageServer';
import type { ReportFormat } from './report';
import { exportReport, ReportPanel, ReportSubject } from './reportPanel';
import { isCheckedLanguage } from './settings';
import { looksLikeSpeech, speakingMinutes } from './speech';
import { errorMessage, formatNumber } from './util';
import type { SpeechPaceCache } from './workspaceFiles';

/** Client-only commands (the server's code actions invoke the ones in protocol.ts). */
export const LIST_FINDINGS_COMMAND = 'gongwen.listFindings';
export const EXPORT_REPORT_COMMAND = 'gongwen.exportReport';

/** Above this many characters a whole-document check shows a progress notification. */
const LARGE_DOCUMENT_CHARS = 20_000;

export function registerCommands(handle: ServerHandle, paces: SpeechPaceCache): vscode.Disposable[] {
  const report = new ReportPanel((uri) => vscode.commands.executeCommand(CHECK_DOCUMENT_COMMAND, uri));
  return [
    report,
    // Resolves to the server's result once the report is on screen, for tests and other callers.
    vscode.commands.registerCommand(CHECK_DOCUMENT_COMMAND, async (target?: unknown) => {
      const subject = await check(handle, paces, target);
      if (subject) report.show(subject);
      return subject?.result;
    }),
    vscode.commands.registerCommand(LIST_FINDINGS_COMMAND, async (target?: unknown) => {
      const subject = await check(handle, paces, target);
      if (!subject) return undefined;
      if (subject.result.findings.length === 0) {
        void vscode.window.showInformationMessage(
          l10n.t('Gongwen: no problems found ({0} characters).', formatNumber(subject.result.charCount)),
        );
      } else {
        showFindingsList(subject.document, subject.result);
      }
      return subject.result;
    }),
    vscode.commands.registerCommand(EXPORT_REPORT_COMMAND, async (target?: unknown, format?: unknown) => {
      const subject = await check(handle, paces, target);
      if (!subject) return undefined;
      return exportReport(subject, format === 'md' || format === 'html' ? (format as ReportFormat) : undefined);
    }),
    vscode.commands.registerCommand(FIX_ALL_COMMAND, (target?: unknown, rule?: unknown) => fixAll(handle, target, rule)),
    vscode.commands.registerCommand(ALLOW_WORD_COMMAND, (word?: unknown) => allowWord(word)),
  ];
}

// ---------------------------------------------------------------------------------------------
// Which document a command acts on

/**
 * Commands can be run from the palette (no argument: the active editor), from the editor's context
 * menu (a Uri) or from one of the server's code actions (a URI string, or `{ uri }`).
 */
async function resolveTargetDocument(target: unknown): Promise<vscode.TextDocument | undefined> {
  const uri = targetUri(target);
  if (uri) {
    const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
    return open ?? (await vscode.workspace.openTextDocument(uri));
  }
  const document = vscode.window.activeTextEditor?.document;
  if (!document) {
    void vscode.window.showInformationMessage(l10n.t('Gongwen: open the document to check first.'));
  }
  return document;
}

function targetUri(target: unknown): vscode.Uri | undefined {
  if (target instanceof vscode.Uri) return target;
  if (typeof target === 'string' && target !== '') return vscode.Uri.parse(target);
  if (target && typeof target === 'object' && 'uri' in target) return targetUri((target as { uri: unknown }).uri);
  return undefined;
}

/** A document the server does not see cannot be checked; say so instead of failing obscurely. */
function ensureCheckedLanguage(document: vscode.TextDocument): boolean {
  if (isCheckedLanguage(document)) return true;
  void vscode.window.showInformationMessage(
    l10n.t(
      'Gongwen: this file\'s language is "{0}", which is not in the setting gongwen.languages; it was not checked.',
      document.languageId,
    ),
  );
  return false;
}

// ---------------------------------------------------------------------------------------------
// 公文：全文检查

/** Checks the whole document now. Undefined when it cannot be checked or the user cancelled. */
async function check(handle: ServerHandle, paces: SpeechPaceCache, target: unknown): Promise<ReportSubject | undefined> {
  const document = await resolveTargetDocument(target);
  if (!document || !ensureCheckedLanguage(document)) return undefined;
  const client = await requireClient(handle);
  if (!client) return undefined;

  let result: CheckDocumentResult | undefined;
  try {
    result = await requestCheck(client, document);
  } catch (error) {
    void vscode.window.showErrorMessage(l10n.t('Gongwen: the check failed ({0}).', errorMessage(error)));
    return undefined;
  }
  if (!result) return undefined; // cancelled by the user

  let speech: ReportSubject['speech'];
  if (looksLikeSpeech(document.languageId, document.getText())) {
    const { pace } = paces.paceFor(document);
    speech = { minutes: speakingMinutes(result.charCount, pace), pace };
  }
  return { document, result, checkedAt: new Date(), speech };
}

/** Sends the request; long documents get a cancellable progress notification. Undefined = cancelled. */
async function requestCheck(client: LanguageClient, document: vscode.TextDocument): Promise<CheckDocumentResult | undefined> {
  const params: CheckDocumentParams = { uri: client.code2ProtocolConverter.asUri(document.uri) };
  if (document.getText().length <= LARGE_DOCUMENT_CHARS) {
    return client.sendRequest<CheckDocumentResult>(CHECK_DOCUMENT_REQUEST, params);
  }
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: l10n.t('Gongwen: checking the whole document…'), cancellable: true },
    async (_progress, token) => {
      const result = await client.sendRequest<CheckDocumentResult>(CHECK_DOCUMENT_REQUEST, params, token);
      return token.isCancellationRequested ? undefined : result;
    },
  );
}

// ---------------------------------------------------------------------------------------------
// 公文：修正全部可自动修正的问题

/** Applies every unambiguous fix (optionally of one rule) as a single undoable edit. Resolves to the count. */
async function fixAll(handle: ServerHandle, target: unknown, ruleArgument: unknown): Promise<number> {
  const document = await resolveTargetDocument(target);
  if (!document || !ensureCheckedLanguage(document)) return 0;
  const client = await requireClient(handle);
  if (!client) return 0;

  const params: FixesParams = { uri: client.code2ProtocolConverter.asUri(document.uri) };
  const rule = typeof ruleArgument === 'string' ? ruleArgument : ruleFromTarget(target);
  if (rule) params.rule = rule;

  let fixes: FixesResult | undefined;
  try {
    fixes = await requestFixesForCurrentVersion(client, document, params);
  } catch (error) {
    void vscode.window.showErrorMessage(l10n.t('Gongwen: could not get the fixes ({0}).', errorMessage(error)));
    return 0;
  }
  if (!fixes) {
    // Offsets computed for another version would land in the wrong places; better do nothing.
    void vscode.window.showWarningMessage(l10n.t('Gongwen: the document is changing; try again in a moment.'));
    return 0;
  }
  if (fixes.edits.length === 0) {
    void vscode.window.showInformationMessage(l10n.t('Gongwen: nothing to fix automatically.'));
    return 0;
  }

  const edit = new vscode.WorkspaceEdit();
  edit.set(
    document.uri,
    fixes.edits.map(
      (e) =>
        new vscode.TextEdit(
          new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character),
          e.newText,
        ),
    ),
  );
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(l10n.t('Gongwen: the fixes could not be applied (the document may have changed).'));
    return 0;
  }
  void vscode.window.showInformationMessage(l10n.t('Gongwen: fixed {0} places.', fixes.edits.length));
  return fixes.edits.length;
}

/**
 * The server answers for the version it has. If the user typed in between, ask once more (the
 * client sends pending changes before each request); if it still differs, give up.
 */
async function requestFixesForCurrentVersion(
  client: LanguageClient,
  document: vscode.TextDocument,
  params: FixesParams,
): Promise<FixesResult | undefined> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const result = await client.sendRequest<FixesResult>(FIXES_REQUEST, params);
    if (result.version === document.version) return result;
  }
  return undefined;
}

function ruleFromTarget(target: unknown): string | undefined {
  if (target && typeof target === 'object' && 'rule' in target) {
    const rule = (target as { rule: unknown }).rule;
    if (typeof rule === 'string' && rule !== '') return rule;
  }
  return undefined;
}
