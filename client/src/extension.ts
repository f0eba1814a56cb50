/**
 * 公文校对 — the VS Code side.
 *
 * The language server does the proofreading: it publishes diagnostics (`source: 'gongwen'`,
 * `code` = rule id) and offers the quick fixes itself. This file only adds what plain LSP does not
 * give an editor user:
 *
 *   - starting the server for the languages in `gongwen.languages`, and restarting it when that
 *     list changes (a document selector cannot be changed on a running client);
 *   - 「公文：全文检查」: a whole-document summary the writer can walk through;
 *   - 「公文：修正全部可自动修正的问题」: one edit applying every unambiguous fix;
 *   - the `gongwen.allowWord` command behind the server's "ignore this word" action;
 *   - a status bar item with the number of findings and the character count.
 *
 * Nothing here talks to the network or records usage.
 */
import * as vscode from 'vscode';
import {
  DocumentSelector,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import {
  ALLOW_WORD_COMMAND,
  CHECK_DOCUMENT_COMMAND,
  CHECK_DOCUMENT_REQUEST,
  CheckDocumentParams,
  CheckDocumentResult,
  DEFAULT_LANGUAGES,
  FIX_ALL_COMMAND,
  FIXES_REQUEST,
  FixesParams,
  FixesResult,
  PRODUCT_NAME,
  ProtocolFinding,
  Severity,
} from '../../server/src/protocol';

const CLIENT_ID = 'gongwen';
const CLIENT_NAME = '公文校对';
const SETTINGS_SECTION = 'gongwen';

/** Above this many characters a whole-document check shows a progress notification. */
const LARGE_DOCUMENT_CHARS = 20_000;
/** Recounting characters on every keystroke is wasted work; wait for a pause in typing. */
const STATUS_DEBOUNCE_MS = 300;
/** Context key read by the `editor/context` menu's `editorLangId in gongwen.languages`. */
const LANGUAGES_CONTEXT_KEY = 'gongwen.languages';

let server: ServerHandle | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // One output channel for the whole session: a restart must not open a second 「公文校对」 panel.
  const output = vscode.window.createOutputChannel(CLIENT_NAME);
  server = new ServerHandle(context, output);
  const statusBar = new StatusBar();
  const handle = server;

  context.subscriptions.push(
    output,
    statusBar,
    vscode.commands.registerCommand(CHECK_DOCUMENT_COMMAND, (target?: unknown) => checkDocument(handle, target)),
    vscode.commands.registerCommand(FIX_ALL_COMMAND, (target?: unknown, rule?: unknown) => fixAll(handle, target, rule)),
    vscode.commands.registerCommand(ALLOW_WORD_COMMAND, (word?: unknown) => allowWord(word)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SETTINGS_SECTION}.languages`)) {
        const languages = readLanguages();
        void setLanguagesContext(languages);
        void handle.restart(languages);
        statusBar.update();
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

// ---------------------------------------------------------------------------------------------
// Settings

/** The language ids to check; falls back to the defaults when the setting is missing or malformed. */
function readLanguages(): string[] {
  const configured = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>('languages');
  if (!Array.isArray(configured)) return [...DEFAULT_LANGUAGES];
  const ids = configured.filter((id): id is string => typeof id === 'string' && id.trim() !== '');
  return [...new Set(ids.map((id) => id.trim()))];
}

function setLanguagesContext(languages: string[]): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', LANGUAGES_CONTEXT_KEY, languages);
}

function isCheckedLanguage(document: vscode.TextDocument): boolean {
  return readLanguages().includes(document.languageId);
}

// ---------------------------------------------------------------------------------------------
// The language client

/**
 * Owns the current LanguageClient. Start, stop and restart are queued one after another, because
 * a restart triggered while the previous client is still starting would otherwise race with it.
 */
class ServerHandle {
  private client: LanguageClient | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.OutputChannel,
  ) {}

  start(languages: string[]): Promise<void> {
    return this.enqueue(() => this.startNow(languages));
  }

  restart(languages: string[]): Promise<void> {
    return this.enqueue(async () => {
      this.output.appendLine(`检查的语言已改为：${languages.join('、') || '（无）'}，正在重启语言服务器。`);
      await this.stopNow();
      await this.startNow(languages);
    });
  }

  stop(): Promise<void> {
    return this.enqueue(() => this.stopNow());
  }

  /** The running client once any pending start or restart has finished; undefined if it is not running. */
  async ready(): Promise<LanguageClient | undefined> {
    await this.queue;
    return this.client?.isRunning() ? this.client : undefined;
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    // Each step swallows its own errors (see below), so one failure never blocks later steps.
    this.queue = this.queue.then(step, step);
    return this.queue;
  }

  private async startNow(languages: string[]): Promise<void> {
    const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, this.serverOptions(), this.clientOptions(languages));
    this.client = client;
    try {
      await client.start();
    } catch (error) {
      const reason = errorMessage(error);
      this.output.appendLine(`语言服务器未能启动：${reason}`);
      void vscode.window.showErrorMessage(`公文校对：语言服务器未能启动（${reason}）。详情见「输出」面板中的「公文校对」。`);
    }
  }

  private async stopNow(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    try {
      // dispose() also removes the client's diagnostics, so nothing stale stays in 「问题」.
      await client.dispose();
    } catch (error) {
      // A client whose start failed cannot be stopped; there is nothing left to clean up then.
      this.output.appendLine(`停止语言服务器时出错：${errorMessage(error)}`);
    }
  }

  private serverOptions(): ServerOptions {
    const module = this.context.asAbsolutePath('dist/server.js');
    return {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
    };
  }

  private clientOptions(languages: string[]): LanguageClientOptions {
    return {
      documentSelector: documentSelectorFor(languages),
      // The server reads `gongwen.*`; this sends it a didChangeConfiguration whenever they change.
      synchronize: { configurationSection: SETTINGS_SECTION },
      outputChannel: this.output,
      diagnosticCollectionName: PRODUCT_NAME,
    };
  }
}

/** Saved files and not-yet-saved (untitled) drafts alike: a draft is where most writing starts. */
function documentSelectorFor(languages: string[]): DocumentSelector {
  return languages.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]);
}

/** The running client, or undefined after telling the user why nothing can happen. */
async function requireClient(handle: ServerHandle): Promise<LanguageClient | undefined> {
  const client = await handle.ready();
  if (!client) {
    void vscode.window.showErrorMessage('公文校对：语言服务器没有运行。详情见「输出」面板中的「公文校对」。');
  }
  return client;
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
    void vscode.window.showInformationMessage('公文校对：请先打开要检查的文稿。');
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
    `公文校对：当前文件的语言是「${document.languageId}」，不在设置 gongwen.languages 中，未检查。`,
  );
  return false;
}

// ---------------------------------------------------------------------------------------------
// 公文：全文检查

/**
 * Checks the whole document now and shows the summary. Resolves once the summary is on screen (not
 * when the user closes it), with the server's result so that tests and other callers can use it.
 */
async function checkDocument(handle: ServerHandle, target: unknown): Promise<CheckDocumentResult | undefined> {
  const document = await resolveTargetDocument(target);
  if (!document || !ensureCheckedLanguage(document)) return undefined;
  const client = await requireClient(handle);
  if (!client) return undefined;

  let result: CheckDocumentResult | undefined;
  try {
    result = await requestCheck(client, document);
  } catch (error) {
    void vscode.window.showErrorMessage(`公文校对：全文检查失败（${errorMessage(error)}）。`);
    return undefined;
  }
  if (!result) return undefined; // cancelled by the user

  if (result.findings.length === 0) {
    // Not awaited: the message stays until dismissed, and the command should not wait for that.
    void vscode.window.showInformationMessage(`公文校对：未发现问题（${formatNumber(result.charCount)} 字）`);
  } else {
    showFindingsPicker(document, result);
  }
  return result;
}

/** Sends the request; long documents get a cancellable progress notification. Undefined = cancelled. */
async function requestCheck(
  client: LanguageClient,
  document: vscode.TextDocument,
): Promise<CheckDocumentResult | undefined> {
  const params: CheckDocumentParams = { uri: client.code2ProtocolConverter.asUri(document.uri) };
  if (document.getText().length <= LARGE_DOCUMENT_CHARS) {
    return client.sendRequest<CheckDocumentResult>(CHECK_DOCUMENT_REQUEST, params);
  }
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: '公文校对：正在检查全文…', cancellable: true },
    async (_progress, token) => {
      const result = await client.sendRequest<CheckDocumentResult>(CHECK_DOCUMENT_REQUEST, params, token);
      return token.isCancellationRequested ? undefined : result;
    },
  );
}

interface FindingItem extends vscode.QuickPickItem {
  finding?: ProtocolFinding;
}

/** A picker: totals first, then one entry per finding in reading order; picking one jumps to it. */
function showFindingsPicker(document: vscode.TextDocument, result: CheckDocumentResult): void {
  const picker = vscode.window.createQuickPick<FindingItem>();
  picker.title = `公文校对：全文 ${formatNumber(result.charCount)} 字，发现 ${result.findings.length} 处问题`;
  picker.placeholder = '选择一项以跳转到文中位置；输入文字可筛选';
  picker.matchOnDescription = true;
  picker.matchOnDetail = true;
  picker.items = [...summaryItems(result), ...findingItems(result.findings)];

  picker.onDidAccept(() => {
    const finding = picker.selectedItems[0]?.finding;
    if (!finding) return; // a summary line: nothing to jump to, keep the list open
    picker.hide();
    void revealFinding(document, finding);
  });
  picker.onDidHide(() => picker.dispose());
  picker.show();
}

function summaryItems(result: CheckDocumentResult): FindingItem[] {
  const counts = new Map<string, number>();
  for (const finding of result.findings) {
    counts.set(finding.categoryLabel, (counts.get(finding.categoryLabel) ?? 0) + 1);
  }
  const byCategory = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([label, count]): FindingItem => ({ label: `${label}：${count} 处`, alwaysShow: true }));
  return [
    { label: '统计', kind: vscode.QuickPickItemKind.Separator },
    ...byCategory,
    {
      label: `合计：${result.findings.length} 处`,
      description: `全文 ${formatNumber(result.charCount)} 字 · 用时 ${Math.round(result.elapsedMs)} 毫秒`,
      alwaysShow: true,
    },
    { label: '问题（按位置）', kind: vscode.QuickPickItemKind.Separator },
  ];
}

function findingItems(findings: ProtocolFinding[]): FindingItem[] {
  return [...findings].sort(compareByPosition).map((finding) => {
    const { line, character } = finding.range.start;
    const suggestions = finding.suggestions.filter((s) => s !== finding.text);
    return {
      label: `${line + 1}:${character + 1} ${finding.rule} 「${displayText(finding.text)}」`,
      description: finding.message,
      detail: suggestions.length > 0 ? `建议：${suggestions.map(displayText).join('、')}` : undefined,
      iconPath: severityIcon(finding.severity),
      finding,
    };
  });
}

function compareByPosition(a: ProtocolFinding, b: ProtocolFinding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/** Flagged text as one short line: line breaks made visible, long runs shortened. */
function displayText(text: string): string {
  const oneLine = text.replace(/\r?\n/g, '↵').replace(/\t/g, '→');
  const chars = [...oneLine];
  const shown = chars.length > 24 ? `${chars.slice(0, 23).join('')}…` : oneLine;
  // QuickPick labels render `$(name)` as an icon; a zero-width space keeps document text literal.
  return shown.replace(/\$\(/g, '$\u200b(');
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

async function revealFinding(document: vscode.TextDocument, finding: ProtocolFinding): Promise<void> {
  // The document may have been edited since the check; clamp rather than fail on a stale range.
  const range = document.validateRange(toRange(finding.range));
  const editor = await vscode.window.showTextDocument(document, { selection: range, preserveFocus: false });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

function toRange(range: ProtocolFinding['range']): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
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
    void vscode.window.showErrorMessage(`公文校对：获取修正失败（${errorMessage(error)}）。`);
    return 0;
  }
  if (!fixes) {
    // Offsets computed for another version would land in the wrong places; better do nothing.
    void vscode.window.showWarningMessage('公文校对：文稿正在变化，请稍后再试。');
    return 0;
  }
  if (fixes.edits.length === 0) {
    void vscode.window.showInformationMessage('公文校对：没有可自动修正的问题。');
    return 0;
  }

  const edit = new vscode.WorkspaceEdit();
  edit.set(
    document.uri,
    fixes.edits.map((e) => vscode.TextEdit.replace(toRange(e.range), e.newText)),
  );
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage('公文校对：修正未能应用（文稿可能已被修改）。');
    return 0;
  }
  void vscode.window.showInformationMessage(`已修正 ${fixes.edits.length} 处`);
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

// ---------------------------------------------------------------------------------------------
// 在本工作区忽略此词

/**
 * Adds a word to `gongwen.allowWords`: in the workspace settings when a folder is open (names of
 * people and places belong to the project), otherwise in the user settings.
 */
async function allowWord(wordArgument: unknown): Promise<void> {
  const word = typeof wordArgument === 'string' ? wordArgument.trim() : '';
  if (word === '') return;

  const target = vscode.workspace.workspaceFolders?.length
    ? vscode.ConfigurationTarget.Workspace
    : vscode.ConfigurationTarget.Global;
  const where = target === vscode.ConfigurationTarget.Workspace ? '本工作区' : '用户设置';
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);

  // Read the value stored at that level only: the merged value would copy user-level words into
  // the workspace file.
  const inspected = config.inspect<unknown>('allowWords');
  const stored = target === vscode.ConfigurationTarget.Workspace ? inspected?.workspaceValue : inspected?.globalValue;
  const current = Array.isArray(stored) ? stored.filter((w): w is string => typeof w === 'string') : [];

  if (current.includes(word)) {
    void vscode.window.showInformationMessage(`公文校对：「${word}」已在${where}的允许词语中。`);
    return;
  }
  try {
    await config.update('allowWords', [...current, word], target);
  } catch (error) {
    void vscode.window.showErrorMessage(`公文校对：未能写入设置（${errorMessage(error)}）。`);
    return;
  }
  void vscode.window.showInformationMessage(`公文校对：已在${where}忽略「${word}」。`);
}

// ---------------------------------------------------------------------------------------------
// Status bar

/**
 * `$(checklist) 3 处 · 1,234 字` for the active document: the findings the server published for it
 * and its character count. Hidden for languages that are not checked.
 */
class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('gongwen.status', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[] = [];
  private debounceTimer: ReturnType<typeof setTimeout> | undefined;
  /** Counting is linear in the text; remember the last count so diagnostics updates stay cheap. */
  private cachedCount: { uri: string; version: number; count: number } | undefined;

  constructor() {
    this.item.name = CLIENT_NAME;
    this.item.command = { command: CHECK_DOCUMENT_COMMAND, title: '全文检查' };
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === vscode.window.activeTextEditor?.document) this.scheduleUpdate();
      }),
      // The language can change without the editor changing (「更改语言模式」).
      vscode.workspace.onDidOpenTextDocument(() => this.update()),
      vscode.languages.onDidChangeDiagnostics((event) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && event.uris.some((uri) => uri.toString() === active)) this.update();
      }),
    );
    this.update();
  }

  update(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !isCheckedLanguage(document)) {
      this.item.hide();
      return;
    }
    const findings = vscode.languages
      .getDiagnostics(document.uri)
      .filter((diagnostic) => diagnostic.source === PRODUCT_NAME).length;
    const chars = formatNumber(this.characterCount(document));
    this.item.text = `$(checklist) ${findings} 处 · ${chars} 字`;
    this.item.tooltip = [
      '公文校对',
      `${findings} 处：公文校对在本文稿中发现的问题数（详见「问题」面板）`,
      `${chars} 字：除空格、换行等空白外的全部字符（标点计入），与机关通常的字数统计口径一致`,
      '单击运行「公文：全文检查」',
    ].join('\n');
    this.item.show();
  }

  dispose(): void {
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }

  private scheduleUpdate(): void {
    if (this.debounceTimer) clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = undefined;
      this.update();
    }, STATUS_DEBOUNCE_MS);
  }

  private characterCount(document: vscode.TextDocument): number {
    const uri = document.uri.toString();
    if (this.cachedCount?.uri === uri && this.cachedCount.version === document.version) {
      return this.cachedCount.count;
    }
    const count = countCharacters(document.getText());
    this.cachedCount = { uri, version: document.version, count };
    return count;
  }
}

/**
 * Characters as offices count them (`charCount` in protocol.ts): every character except whitespace.
 * Counted in code points, so a rare character outside the BMP counts once, not twice.
 */
export function countCharacters(text: string): number {
  const visible = text.replace(/\s+/g, '');
  const surrogatePairs = visible.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0;
  return visible.length - surrogatePairs;
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function formatNumber(n: number): string {
  return n.toLocaleString('en-US');
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
