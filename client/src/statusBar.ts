/**
 * The status bar item for the active document: `$(checklist) 3 处 · 1,234 字`, and for a speech also
 * the estimated speaking time `· 约 6 分钟`. Clicking it runs 「公文：全文检查」. Hidden for
 * languages that are not checked.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { CHECK_DOCUMENT_COMMAND, PRODUCT_NAME } from '../../shared/protocol';
import { isCheckedLanguage } from './settings';
import { countCharacters, looksLikeSpeech, speakingMinutes } from './speech';
import { formatNumber } from './util';
import type { SpeechPaceCache } from './workspaceFiles';

/** Recounting characters on every keystroke is wasted work; wait for a pause in typing. */
const STATUS_DEBOUNCE_MS = 300;

/** What the status bar shows for one document version; counting is linear in the text, so it is cached. */
interface Counts {
  uri: string;
  version: number;
  languageId: string;
  characters: number;
  speech: boolean;
}

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('gongwen.status', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[] = [];
  private debounceTimer: ReturnType<typeof setTimeout> | undefined;
  private cached: Counts | undefined;

  constructor(private readonly paces: SpeechPaceCache) {
    this.item.name = l10n.t('Gongwen proofreading');
    this.item.command = { command: CHECK_DOCUMENT_COMMAND, title: l10n.t('Check Whole Document') };
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
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('gongwen.speechPace') || event.affectsConfiguration('gongwen.languages')) this.update();
      }),
      paces.onDidChange(() => this.update()),
    );
    this.update();
  }

  update(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !isCheckedLanguage(document)) {
      this.item.hide();
      return;
    }
    const findings = vscode.languages.getDiagnostics(document.uri).filter((diagnostic) => diagnostic.source === PRODUCT_NAME).length;
    const counts = this.countsFor(document);
    const chars = formatNumber(counts.characters);

    const tooltip = [
      l10n.t('Gongwen proofreading'),
      l10n.t('{0} findings: the problems found in this document (see the Problems panel)', findings),
      l10n.t(
        '{0} characters: every character except whitespace (spaces, full-width spaces, tabs, line breaks); punctuation counts, as offices count a manuscript',
        chars,
      ),
    ];
    if (counts.speech) {
      const { pace, source } = this.paces.paceFor(document);
      const minutes = speakingMinutes(counts.characters, pace);
      this.item.text = `$(checklist) ${l10n.t('{0} findings · {1} chars · about {2} min', findings, chars, minutes)}`;
      tooltip.push(
        source === 'file'
          ? l10n.t('About {0} min: read aloud at {1} characters a minute (speechPace in .gongwen.json)', minutes, pace)
          : l10n.t('About {0} min: read aloud at {1} characters a minute (setting gongwen.speechPace)', minutes, pace),
      );
    } else {
      this.item.text = `$(checklist) ${l10n.t('{0} findings · {1} chars', findings, chars)}`;
    }
    tooltip.push(l10n.t('Click to check the whole document and open the report'));
    this.item.tooltip = tooltip.join('\n');
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

  private countsFor(document: vscode.TextDocument): Counts {
    const uri = document.uri.toString();
    const c = this.cached;
    if (c && c.uri === uri && c.version === document.version && c.languageId === document.languageId) return c;
    const text = document.getText();
    this.cached = {
      uri,
      version: document.version,
      languageId: document.languageId,
      characters: countCharacters(text),
      speech: looksLikeSpeech(document.languageId, text),
    };
    return this.cached;
  }
}
