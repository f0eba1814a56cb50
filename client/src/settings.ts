/**
 * The client's view of the `gongwen.*` settings. The server reads the proofreading settings itself
 * (through `workspace/configuration`); the client needs only the languages to start the server for
 * and the speech pace for the status bar.
 */
import * as vscode from 'vscode';
import { DEFAULT_LANGUAGES } from '../../shared/protocol';
import { validPace } from './speech';

export const SETTINGS_SECTION = 'gongwen';

/** Context key read by the `editor/context` menu's `editorLangId in gongwen.languages`. */
const LANGUAGES_CONTEXT_KEY = 'gongwen.languages';

/** The language ids to check; falls back to the defaults when the setting is missing or malformed. */
export function readLanguages(): string[] {
  const configured = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<unknown>('languages');
  if (!Array.isArray(configured)) return [...DEFAULT_LANGUAGES];
  const ids = configured.filter((id): id is string => typeof id === 'string' && id.trim() !== '');
  return [...new Set(ids.map((id) => id.trim()))];
}

export function setLanguagesContext(languages: string[]): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', LANGUAGES_CONTEXT_KEY, languages);
}

export function isCheckedLanguage(document: vscode.TextDocument): boolean {
  return readLanguages().includes(document.languageId);
}

/**
 * The speech pace the writer set in the settings (user, workspace or folder), or undefined when they
 * set none — then the team file's `speechPace`, else the default, applies. The writer's own value
 * wins over the team file's because the pace belongs to whoever gives the speech.
 */
export function speechPaceSetting(scope: vscode.Uri): number | undefined {
  const inspected = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope).inspect<unknown>('speechPace');
  return validPace(inspected?.workspaceFolderValue) ?? validPace(inspected?.workspaceValue) ?? validPace(inspected?.globalValue);
}
