/**
 * 「公文：检查 Word 文稿」: a .docx opened as its extracted text, one paragraph a line, in a read-only
 * document of its own scheme (`gongwen-docx:` + the file's path). The language server checks it like
 * any other document (diagnostics, hovers, the report and its export); each message names its
 * paragraph. The text follows the file: saving the .docx in Word updates it.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { DocxError, readDocx } from '../../server/src/io/docx';
import { CHECK_DOCX_COMMAND, DOCX_SCHEME } from '../../shared/protocol';
import { readLanguages } from './settings';
import { errorMessage } from './util';

/** The .docx file behind a view's URI. */
export function docxFileOf(uri: vscode.Uri): vscode.Uri {
  return uri.with({ scheme: 'file' });
}

class DocxContentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly watchers = new Map<string, vscode.FileSystemWatcher>();

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const file = docxFileOf(uri);
    this.watch(uri, file);
    try {
      return readDocx(await vscode.workspace.fs.readFile(file)).text;
    } catch (error) {
      // The view must show something: the reason, as its only line (not a document to check).
      const reason = error instanceof DocxError ? error.message : errorMessage(error);
      void vscode.window.showErrorMessage(l10n.t('Gongwen: {0} could not be read: {1}', file.fsPath, reason));
      return '';
    }
  }

  private watch(uri: vscode.Uri, file: vscode.Uri): void {
    const key = uri.toString();
    if (this.watchers.has(key)) return;
    const watcher = vscode.workspace.createFileSystemWatcher(
      new vscode.RelativePattern(vscode.Uri.joinPath(file, '..'), file.path.split('/').pop()!),
    );
    watcher.onDidChange(() => this.changed.fire(uri));
    watcher.onDidCreate(() => this.changed.fire(uri));
    this.watchers.set(key, watcher);
  }

  dispose(): void {
    this.changed.dispose();
    for (const w of this.watchers.values()) w.dispose();
  }
}

/** Opens the extracted text of `target` (a .docx from the Explorer, or one picked now). */
async function openDocx(target?: unknown): Promise<vscode.TextEditor | undefined> {
  let file = target instanceof vscode.Uri ? target : undefined;
  if (!file) {
    const active = vscode.window.activeTextEditor?.document.uri;
    if (active?.scheme === DOCX_SCHEME) file = docxFileOf(active);
  }
  if (!file) {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      filters: { [l10n.t('Word documents')]: ['docx'] },
      title: l10n.t('Check a Word document'),
    });
    file = picked?.[0];
  }
  if (!file) return undefined;
  if (file.scheme !== 'file') {
    void vscode.window.showErrorMessage(l10n.t('Gongwen: only Word documents on this computer can be checked.'));
    return undefined;
  }
  if (!/\.docx$/i.test(file.path)) {
    void vscode.window.showErrorMessage(l10n.t('Gongwen: only .docx can be read; save the document as .docx or .txt and check that.'));
    return undefined;
  }
  // Read once here too, so that a file that cannot be read opens no empty view.
  try {
    readDocx(await vscode.workspace.fs.readFile(file));
  } catch (error) {
    const reason = error instanceof DocxError ? error.message : errorMessage(error);
    void vscode.window.showErrorMessage(l10n.t('Gongwen: {0} could not be read: {1}', file.fsPath, reason));
    return undefined;
  }
  let document = await vscode.workspace.openTextDocument(file.with({ scheme: DOCX_SCHEME }));
  // The 公文 language wraps long paragraphs; plain text otherwise (both are checked by default).
  const languages = readLanguages();
  const language = languages.includes('gongwen') ? 'gongwen' : languages.includes('plaintext') ? 'plaintext' : undefined;
  if (language && document.languageId !== language) document = await vscode.languages.setTextDocumentLanguage(document, language);
  return vscode.window.showTextDocument(document, { preview: false });
}

export function registerDocxView(): vscode.Disposable[] {
  const provider = new DocxContentProvider();
  return [
    provider,
    vscode.workspace.registerTextDocumentContentProvider(DOCX_SCHEME, provider),
    vscode.commands.registerCommand(CHECK_DOCX_COMMAND, openDocx),
  ];
}
