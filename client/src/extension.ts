/**
 * 公文校对 — the VS Code side.
 *
 * The language server does the proofreading: it publishes diagnostics (`source: 'gongwen'`,
 * `code` = rule id) and offers the quick fixes itself. The client adds what plain LSP does not give
 * an editor user, one module per concern:
 *
 *   - languageServer.ts  starting the server for `gongwen.languages`, restarting it when that changes;
 *   - commands.ts        全文检查 (report), 问题列表, 导出检查报告, 修正全部, and `gongwen.allowWord`
 *                        (allowWord.ts: writes the word into the team's `.gongwen.json`);
 *   - report.ts          the report as HTML and Markdown (pure, unit-tested); reportPanel.ts shows it;
 *   - statusBar.ts       findings, character count and, for speeches, the speaking time (speech.ts);
 *   - docxView.ts        「检查 Word 文稿」: a .docx's text as a read-only document the server checks;
 *   - garbled.ts         「乱码，未检查」 for a document read with the wrong encoding;
 *   - workspaceFiles.ts  finding and watching `.gongwen.json` (workspaceFile.ts edits its text).
 *
 * UI text is English in the code and translated through @vscode/l10n (l10n/bundle.l10n.*.json);
 * finding messages come from the server and stay Chinese. Nothing here talks to the network or
 * records usage.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { ServerHandle } from './languageServer';
import { readLanguages, setLanguagesContext, SETTINGS_SECTION } from './settings';
import { registerDocxView } from './docxView';
import { GarbledDocuments } from './garbled';
import { StatusBar } from './statusBar';
import { SpeechPaceCache } from './workspaceFiles';

let server: ServerHandle | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // VS Code has loaded the bundle for the display language (package.json `l10n`); the modules use
  // @vscode/l10n so that report.ts can be translated without importing `vscode`.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });

  // One output channel for the whole session: a restart must not open a second panel.
  const output = vscode.window.createOutputChannel(l10n.t('Gongwen proofreading'));
  const garbled = new GarbledDocuments();
  const handle = new ServerHandle(context, output, garbled);
  server = handle;
  const paces = new SpeechPaceCache();
  const statusBar = new StatusBar(paces);

  context.subscriptions.push(
    output,
    paces,
    statusBar,
    garbled,
    ...registerCommands(handle, paces),
    ...registerDocxView(),
    // Restricted Mode lifted: the server starts again and applies the folder's .gongwen.json.
    vscode.workspace.onDidGrantWorkspaceTrust(
      () =>
        void handle.restart(
          readLanguages(),
          l10n.t('The folder is now trusted; restarting the language server to apply its .gongwen.json.'),
        ),
    ),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SETTINGS_SECTION}.languages`)) {
        const languages = readLanguages();
        void setLanguagesContext(languages);
        void handle.restart(
          languages,
          l10n.t('Checked languages changed to {0}; restarting the language server.', languages.join(', ') || l10n.t('(none)')),
        );
      }
    }),
  );

  const languages = readLanguages();
  await setLanguagesContext(languages);
  // Not awaited on purpose: activation should not wait for the server's start-up. Commands wait
  // for it through `ServerHandle.ready()`.
  void handle.start(languages);
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}
