/**
 * The language server: LSP wiring only. Checking happens in the core, run by a worker thread
 * (checkService.ts); this file debounces per document, drops stale versions, publishes
 * diagnostics and turns findings into code actions.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CodeAction,
  DidChangeWatchedFilesNotification,
  CodeActionKind,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit,
} from 'vscode-languageserver/node';
import { CheckService } from './checkService';
import { garbledReason } from './garbled';
import { RULES, countCharacters, fixableFindings, type CheckOptions, type Finding } from '../core';
import { findingRange, toDiagnostic, toProtocolFinding, type DiagnosticData } from './diagnostics';
import {
  WORKSPACE_FILE,
  findWorkspaceFileAsync,
  mergeOptions,
  readWorkspaceFileAsync,
  untrustedNotice,
  type WorkspaceFile,
} from '../io/settingsFile';
import {
  ALLOW_WORD_COMMAND,
  CHECK_DOCUMENT_REQUEST,
  DEFAULT_LANGUAGES,
  DOCX_SCHEME,
  GARBLED_NOTIFICATION,
  type GarbledParams,
  isExportedReport,
  FIXES_REQUEST,
  PRODUCT_NAME,
  type CheckDocumentParams,
  type CheckDocumentResult,
  type FixesParams,
  type FixesResult,
  type GongwenSettings,
  type InitializationOptions,
} from '../../../shared/protocol';

const DEBOUNCE_MS = 250;
/** After this long without an edit, the slow rules (typo-context) run too. */
const IDLE_MS = 1500;
const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.${PRODUCT_NAME}`;
/** Rules whose flagged text is a word a writer may want to keep (a name, a term). */
const IGNORABLE_RULES = new Set(['typo', 'dup-word']);
const RULE_LABEL = new Map(RULES.map((r) => [r.id, r.label]));

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const service = new CheckService();

let canAskConfiguration = false;
let canWatchFiles = false;
let workspaceRoots: string[] = [];
/** False in VS Code's Restricted Mode: the folder's `.gongwen.json` is then not applied. */
let workspaceTrusted = true;
const workspaceFiles = new Map<string, Promise<WorkspaceFile>>();
const settingsCache = new Map<string, Promise<GongwenSettings>>();
const shownWarnings = new Set<string>();

interface DocState {
  timer?: NodeJS.Timeout;
  idleTimer?: NodeJS.Timeout;
  /** Findings of the last completed check and the version they belong to. */
  findings?: Finding[];
  version?: number;
  /** Why the text looked garbled at its last check (the client was told). */
  garbled?: string;
}
const states = new Map<string, DocState>();
const isDocxView = (uri: string) => uri.startsWith(`${DOCX_SCHEME}:`);
const stateOf = (uri: string) => states.get(uri) ?? states.set(uri, {}).get(uri)!;

connection.onInitialize((params) => {
  canAskConfiguration = params.capabilities.workspace?.configuration === true;
  canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  workspaceTrusted = (params.initializationOptions as InitializationOptions | undefined)?.workspaceTrusted !== false;
  workspaceRoots = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
    },
    serverInfo: { name: PRODUCT_NAME },
  };
});

// ---------------------------------------------------------------- settings

connection.onInitialized(() => {
  if (canWatchFiles) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${WORKSPACE_FILE}` }] });
  }
});

connection.onDidChangeWatchedFiles(() => {
  workspaceFiles.clear();
  shownWarnings.clear();
  for (const doc of documents.all()) schedule(doc, 0);
});

function uriToPath(uri: string): string | undefined {
  try {
    // A Word document's extracted text is governed by the settings beside the .docx.
    if (uri.startsWith(`${DOCX_SCHEME}:`)) return fileURLToPath(`file:${uri.slice(DOCX_SCHEME.length + 1)}`);
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The `.gongwen.json` that governs a document (cached per folder until a watched file changes).
 * Found and read off the event loop, with a size and time limit: a settings file that is a FIFO,
 * points to a device, is huge or sits on a hung share costs a warning, never the diagnostics.
 */
function workspaceFileFor(uri: string): Promise<WorkspaceFile> {
  const file = uriToPath(uri);
  // An unsaved draft belongs to the (first) workspace folder, if there is one.
  const dir = file ? path.dirname(file) : workspaceRoots[0];
  if (!dir) return Promise.resolve({ options: {}, warnings: [] });
  let cached = workspaceFiles.get(dir);
  if (!cached) {
    const root = workspaceRoots.filter((r) => dir === r || dir.startsWith(r + path.sep)).sort((a, b) => b.length - a.length)[0];
    // In an untrusted folder the file is not even read: the writer is told once that it is not applied.
    cached = findWorkspaceFileAsync(dir, root)
      .then((found) =>
        !found
          ? { options: {}, warnings: [] }
          : workspaceTrusted
            ? readWorkspaceFileAsync(found)
            : { options: {}, warnings: [untrustedNotice(found)] },
      )
      .catch((err) => ({
        options: {},
        warnings: [`读取 ${WORKSPACE_FILE} 时出错（${err instanceof Error ? err.message : String(err)}），已使用默认设置。`],
      }));
    workspaceFiles.set(dir, cached);
  }
  return cached;
}

function defaults(): GongwenSettings {
  return { rules: {}, typoPairs: {}, allowWords: [], languages: DEFAULT_LANGUAGES, documentDate: '' };
}

/** Without a client to ask: the defaults, one object (see optionsFor). */
let fixedDefaults: Promise<GongwenSettings> | undefined;

function getSettings(uri: string): Promise<GongwenSettings> {
  if (!canAskConfiguration) return (fixedDefaults ??= Promise.resolve(defaults()));
  let cached = settingsCache.get(uri);
  if (!cached) {
    cached = connection.workspace
      .getConfiguration({ scopeUri: uri, section: 'gongwen' })
      .then((value: unknown) => ({ ...defaults(), ...(typeof value === 'object' && value ? value : {}) }) as GongwenSettings)
      .catch(() => defaults());
    settingsCache.set(uri, cached);
  }
  return cached;
}

function checkOptions(doc: TextDocument, s: GongwenSettings): CheckOptions {
  return {
    rules: s.rules,
    typoPairs: s.typoPairs,
    allowWords: s.allowWords,
    date: s.documentDate || undefined,
    format: doc.languageId === 'markdown' ? 'markdown' : 'plain',
    typoContextMargin: s.typoContext?.margin,
  };
}

/**
 * The options of a check, the same object for as long as the settings, the team file and the
 * document's format are: the check worker then keeps what it resolved and compiled from them
 * (100,000 typo pairs are not sent, validated and compiled again for every keystroke). Whether the
 * slow rules run goes with each request, not in here.
 */
const optionsMemo = new WeakMap<GongwenSettings, WeakMap<WorkspaceFile, Map<string, CheckOptions>>>();
function optionsFor(doc: TextDocument, settings: GongwenSettings, shared: WorkspaceFile): CheckOptions {
  let byFile = optionsMemo.get(settings);
  if (!byFile) optionsMemo.set(settings, (byFile = new WeakMap()));
  let byFormat = byFile.get(shared);
  if (!byFormat) byFile.set(shared, (byFormat = new Map()));
  const format = doc.languageId === 'markdown' ? 'markdown' : 'plain';
  let options = byFormat.get(format);
  if (!options) byFormat.set(format, (options = mergeOptions(checkOptions(doc, settings), shared.options)));
  return options;
}

function isChecked(doc: TextDocument, s: GongwenSettings): boolean {
  const languages = Array.isArray(s.languages) ? s.languages : DEFAULT_LANGUAGES;
  // A proofreading report the extension exported is not a draft.
  return languages.includes(doc.languageId) && !isExportedReport(doc.getText(), uriPath(doc.uri));
}

/** The path part of a document URI, decoded when it can be (a malformed escape stays as written). */
function uriPath(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

function warnOnce(message: string): void {
  if (shownWarnings.has(message)) return;
  shownWarnings.add(message);
  void connection.window.showWarningMessage(`公文校对：${message}`);
}

// ---------------------------------------------------------------- checking

/**
 * Checks the document's current version and publishes the result. Resolves undefined when the
 * document changed (or closed) meanwhile: a newer check is on its way.
 */
async function runCheck(doc: TextDocument, includeSlow = false): Promise<{ findings: Finding[]; elapsedMs: number } | undefined> {
  const settings = await getSettings(doc.uri);
  if (!isChecked(doc, settings)) {
    stateOf(doc.uri).findings = [];
    stateOf(doc.uri).version = doc.version;
    void connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
    return { findings: [], elapsedMs: 0 };
  }
  const shared = await workspaceFileFor(doc.uri);
  shared.warnings.forEach(warnOnce);
  if (!documents.get(doc.uri)) return undefined; // closed meanwhile
  const version = doc.version;
  const text = doc.getText();
  // Garbled text (a GBK file opened as UTF-8, say): no findings, and the client says why.
  const garbled = garbledReason(text);
  if (garbled || stateOf(doc.uri).garbled) {
    stateOf(doc.uri).garbled = garbled;
    void connection.sendNotification(GARBLED_NOTIFICATION, { uri: doc.uri, reason: garbled } satisfies GarbledParams);
  }
  if (garbled) {
    const state = stateOf(doc.uri);
    state.findings = [];
    state.version = version;
    void connection.sendDiagnostics({ uri: doc.uri, version, diagnostics: [] });
    return { findings: [], elapsedMs: 0 };
  }
  let outcome;
  try {
    const options = optionsFor(doc, settings, shared);
    outcome = await service.check(doc.uri, text, options, includeSlow, (partial) => {
      // While the dictionary loads, show what is already known; the full result replaces it.
      const current = documents.get(doc.uri);
      if (current && current.version === version) {
        void connection.sendDiagnostics({ uri: doc.uri, version, diagnostics: partial.findings.map((f) => present(current, f)) });
      }
    });
  } catch (err) {
    connection.console.error(`检查失败：${err instanceof Error ? err.message : String(err)}`);
    warnOnce('检查时出错，详情见「输出」面板。');
    return undefined;
  }
  const current = documents.get(doc.uri);
  if (!outcome || !current || current.version !== version) return undefined;
  outcome.warnings.forEach(warnOnce);
  const state = stateOf(doc.uri);
  state.findings = outcome.findings;
  state.version = version;
  void connection.sendDiagnostics({ uri: doc.uri, version, diagnostics: outcome.findings.map((f) => present(current, f)) });
  if (!includeSlow) scheduleIdle(current);
  return { findings: outcome.findings, elapsedMs: outcome.elapsedMs };
}

/** A finding as a diagnostic; in a Word document's text, its message names the paragraph. */
function present(doc: TextDocument, f: Finding): Diagnostic {
  const d = toDiagnostic(doc, f);
  return isDocxView(doc.uri) ? { ...d, message: `第 ${d.range.start.line + 1} 段：${d.message}` } : d;
}

/** When typing pauses, one complete pass adds the slow rules' findings for the edited paragraphs. */
function scheduleIdle(doc: TextDocument): void {
  const state = stateOf(doc.uri);
  clearTimeout(state.idleTimer);
  state.idleTimer = setTimeout(() => {
    state.idleTimer = undefined;
    const current = documents.get(doc.uri);
    if (current && current.version === doc.version) void runCheck(current, true);
  }, IDLE_MS);
}

function schedule(doc: TextDocument, delay: number): void {
  const state = stateOf(doc.uri);
  clearTimeout(state.timer);
  clearTimeout(state.idleTimer);
  state.timer = setTimeout(() => {
    state.timer = undefined;
    const current = documents.get(doc.uri);
    if (current) void runCheck(current);
  }, delay);
}

/** Findings for the document's current version, checking now if the last check is stale. */
async function currentFindings(doc: TextDocument): Promise<Finding[] | undefined> {
  const state = stateOf(doc.uri);
  if (state.version === doc.version && state.findings) return state.findings;
  clearTimeout(state.timer);
  return (await runCheck(doc))?.findings;
}

documents.onDidOpen((e) => schedule(e.document, 0));
documents.onDidChangeContent((e) => schedule(e.document, DEBOUNCE_MS));
documents.onDidClose((e) => {
  clearTimeout(states.get(e.document.uri)?.timer);
  clearTimeout(states.get(e.document.uri)?.idleTimer);
  states.delete(e.document.uri);
  settingsCache.delete(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onDidChangeConfiguration(() => {
  settingsCache.clear();
  shownWarnings.clear();
  for (const doc of documents.all()) schedule(doc, 0);
});

// ---------------------------------------------------------------- requests

connection.onRequest(CHECK_DOCUMENT_REQUEST, async (params: CheckDocumentParams): Promise<CheckDocumentResult | null> => {
  const doc = documents.get(params.uri);
  if (!doc) return null;
  clearTimeout(stateOf(doc.uri).timer);
  const result = await runCheck(doc, true);
  const current = documents.get(params.uri);
  if (!result || !current) return null;
  const text = current.getText();
  return {
    uri: current.uri,
    version: current.version,
    findings: result.findings.map((f) => {
      const pf = toProtocolFinding(current, text, f);
      // The report and the findings list name a Word document's paragraphs too.
      return isDocxView(current.uri) ? { ...pf, message: `第 ${pf.range.start.line + 1} 段：${pf.message}` } : pf;
    }),
    charCount: countCharacters(text),
    elapsedMs: Math.round(result.elapsedMs),
  };
});

function fixEdits(doc: TextDocument, findings: Finding[], rule?: string): TextEdit[] {
  return fixableFindings(findings, rule).map((f) => ({ range: findingRange(doc, f), newText: f.suggestions[0] }));
}

connection.onRequest(FIXES_REQUEST, async (params: FixesParams): Promise<FixesResult | null> => {
  const doc = documents.get(params.uri);
  if (!doc) return null;
  const findings = await currentFindings(doc);
  const current = documents.get(params.uri);
  if (!findings || !current) return null;
  return { version: current.version, edits: fixEdits(current, findings, params.rule) };
});

// ---------------------------------------------------------------- code actions

function quickFixes(doc: TextDocument, d: Diagnostic): CodeAction[] {
  const data = d.data as DiagnosticData | undefined;
  const flagged = doc.getText(d.range);
  const actions: CodeAction[] = (data?.suggestions ?? []).map((s, i) => {
    const title = s === '' ? `删除「${flagged.length > 20 ? flagged.slice(0, 20) + '…' : flagged}」` : `改为「${s}」`;
    const action = CodeAction.create(title, { changes: { [doc.uri]: [{ range: d.range, newText: s }] } }, CodeActionKind.QuickFix);
    action.diagnostics = [d];
    action.isPreferred = i === 0 && data!.suggestions.length === 1;
    return action;
  });
  // Not offered in Restricted Mode: the word would go into a .gongwen.json that is not applied there.
  if (workspaceTrusted && IGNORABLE_RULES.has(String(d.code)) && flagged.trim() !== '') {
    const ignore = CodeAction.create(
      `在本工作区忽略「${flagged}」`,
      { title: '忽略此词', command: ALLOW_WORD_COMMAND, arguments: [flagged] },
      CodeActionKind.QuickFix,
    );
    ignore.diagnostics = [d];
    actions.push(ignore);
  }
  return actions;
}

connection.onCodeAction(async (params: CodeActionParams): Promise<CodeAction[]> => {
  const doc = documents.get(params.textDocument.uri);
  // A Word document's text is read-only: fixes are made with `gongwen --fix` or in Word.
  if (!doc || isDocxView(doc.uri)) return [];
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeAction[] = [];
  const ours = params.context.diagnostics.filter((d) => d.source === PRODUCT_NAME);

  if (wants(CodeActionKind.QuickFix)) {
    for (const d of ours) actions.push(...quickFixes(doc, d));
    const state = stateOf(doc.uri);
    if (state.version === doc.version && state.findings) {
      for (const rule of new Set(ours.map((d) => String(d.code)))) {
        const edits = fixEdits(doc, state.findings, rule);
        if (edits.length < 2) continue;
        const action = CodeAction.create(
          `修正本文档中全部「${RULE_LABEL.get(rule) ?? rule}」问题（${edits.length} 处）`,
          { changes: { [doc.uri]: edits } },
          CodeActionKind.QuickFix,
        );
        actions.push(action);
      }
    }
  }
  if (wants(FIX_ALL_KIND)) {
    const findings = await currentFindings(doc);
    const current = documents.get(doc.uri);
    if (findings && current && current.version === doc.version) {
      const edits = fixEdits(current, findings);
      if (edits.length > 0)
        actions.push(CodeAction.create('公文校对：修正全部可自动修正的问题', { changes: { [doc.uri]: edits } }, FIX_ALL_KIND));
    }
  }
  return actions;
});

connection.onShutdown(() => service.dispose());

documents.listen(connection);
connection.listen();
