/**
 * Garbled documents: the server reports a document whose text looks misread (a GBK file opened as
 * UTF-8, say) and publishes no findings on it. Here the status bar says 「乱码，未检查」 while such a
 * document is active, and a notice says why, once per document, with a button that runs VS Code's
 * own 「通过编码重新打开」 so that the writer can pick GB18030.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { GarbledParams } from '../../shared/protocol';

const REOPEN_WITH_ENCODING = 'workbench.action.editor.changeEncoding';

export class GarbledDocuments implements vscode.Disposable {
  /** Garbled documents (URI string) and why. */
  private readonly reasons = new Map<string, string>();
  private readonly told = new Set<string>();
  private readonly item = vscode.window.createStatusBarItem('gongwen.garbled', vscode.StatusBarAlignment.Right, 101);
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.item.name = l10n.t('Gongwen: garbled text');
    this.item.text = `$(warning) ${l10n.t('Garbled, not checked')}`;
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    this.item.command = { command: REOPEN_WITH_ENCODING, title: l10n.t('Reopen with Encoding') };
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        this.reasons.delete(doc.uri.toString());
        this.told.delete(doc.uri.toString());
      }),
    );
  }

  /** The server's notification (URIs come as the protocol writes them). */
  onNotification(params: GarbledParams, toUri: (s: string) => vscode.Uri): void {
    const key = toUri(params.uri).toString();
    if (params.reason) this.reasons.set(key, params.reason);
    else this.reasons.delete(key);
    this.update();
    if (params.reason && !this.told.has(key)) {
      this.told.add(key);
      void this.tell(key, params.reason);
    }
  }

  private async tell(key: string, reason: string): Promise<void> {
    const reopen = l10n.t('Reopen as GB18030…');
    const choice = await vscode.window.showWarningMessage(
      l10n.t('Gongwen: this document looks garbled and was not checked: {0}.', reason),
      reopen,
    );
    if (choice !== reopen) return;
    // The command acts on the active editor: bring the document forward first.
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (document) await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand(REOPEN_WITH_ENCODING);
  }

  private update(): void {
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    const reason = active && this.reasons.get(active);
    if (!reason) {
      this.item.hide();
      return;
    }
    this.item.tooltip = `${reason}\n${l10n.t('Click to reopen the file with another encoding (choose GB18030 for GBK files).')}`;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
