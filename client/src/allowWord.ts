/**
 * 「在本工作区忽略此词」 (`gongwen.allowWord`, offered by the server's code actions): adds the word to
 * `allowWords` in the team's `.gongwen.json`, which the server reads and watches. Names of people,
 * places and projects belong to the project and its whole team, not to one writer's settings, so
 * they go into the file that is shared with the drafts.
 *
 * The file written is the one that governs the document (the nearest `.gongwen.json` up to the
 * workspace folder); when there is none, `<workspace folder>/.gongwen.json` is created. With no
 * folder open there is no team file, and the word goes into the user settings instead.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from './settings';
import { errorMessage } from './util';
import { addAllowWord, WorkspaceFileError } from './workspaceFile';
import { locateWorkspaceFile, readText } from './workspaceFiles';

export async function allowWord(wordArgument: unknown): Promise<void> {
  const word = typeof wordArgument === 'string' ? wordArgument.trim() : '';
  if (word === '') return;

  const document = vscode.window.activeTextEditor?.document;
  const scope = document?.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  const location = scope ? await locateWorkspaceFile(scope) : undefined;
  if (!location) {
    await allowWordInUserSettings(word);
    return;
  }

  const where = vscode.workspace.asRelativePath(location.file, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
  const before = location.exists ? await readText(location.file) : undefined;
  let result;
  try {
    // A file that exists but cannot be read is never replaced by a new one: its content would be lost.
    if (location.exists && before === undefined)
      throw new Error(l10n.t('it cannot be read (it is not a regular file, or it is too large)'));
    result = addAllowWord(before, word);
  } catch (error) {
    const reason = error instanceof WorkspaceFileError ? describeFileError(error) : errorMessage(error);
    const open = l10n.t('Open {0}', where);
    const choice = await vscode.window.showErrorMessage(
      l10n.t('Gongwen: cannot add 「{0}」 to {1}: {2}. Fix the file, then try again.', word, where, reason),
      open,
    );
    if (choice === open) await vscode.window.showTextDocument(location.file);
    return;
  }
  if (!result.added) {
    void vscode.window.showInformationMessage(l10n.t('Gongwen: 「{0}」 is already in the word list in {1}.', word, where));
    return;
  }

  try {
    const unsaved = await writeText(location.file, result.text);
    void vscode.window.showInformationMessage(
      unsaved
        ? l10n.t('Gongwen: 「{0}」 added to {1}, which has unsaved changes: save it to apply them.', word, where)
        : l10n.t('Gongwen: 「{0}」 added to the word list in {1}.', word, where),
    );
  } catch (error) {
    void vscode.window.showErrorMessage(l10n.t('Gongwen: could not write {0} ({1}).', where, errorMessage(error)));
  }
}

function describeFileError(error: WorkspaceFileError): string {
  switch (error.reason) {
    case 'invalid-json':
      return l10n.t('it is not valid JSON ({0})', error.message);
    case 'not-an-object':
      return l10n.t('it does not hold a JSON object');
    default:
      return l10n.t('its "allowWords" is not a list');
  }
}

/**
 * Writes the file. If it is open in an editor, the edit goes through the editor so that its buffer
 * does not go stale; it is saved unless it already had unsaved changes (saving would save the
 * writer's half-done edits too). Resolves to true when the change is left unsaved.
 */
async function writeText(file: vscode.Uri, text: string): Promise<boolean> {
  const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === file.toString());
  if (!open) {
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
    return false;
  }
  const wasDirty = open.isDirty;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(file, new vscode.Range(open.positionAt(0), open.positionAt(open.getText().length)), text);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(l10n.t('the editor refused the edit'));
  if (wasDirty) return true;
  await open.save();
  return false;
}

/** No folder open: no team file, so the word goes into `gongwen.allowWords` in the user settings. */
async function allowWordInUserSettings(word: string): Promise<void> {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  // The user-level value only: the merged value could hold words from elsewhere.
  const stored = config.inspect<unknown>('allowWords')?.globalValue;
  const current = Array.isArray(stored) ? stored.filter((w): w is string => typeof w === 'string') : [];
  if (current.includes(word)) {
    void vscode.window.showInformationMessage(l10n.t('Gongwen: 「{0}」 is already in the word list in your user settings.', word));
    return;
  }
  try {
    await config.update('allowWords', [...current, word], vscode.ConfigurationTarget.Global);
  } catch (error) {
    void vscode.window.showErrorMessage(l10n.t('Gongwen: could not update the settings ({0}).', errorMessage(error)));
    return;
  }
  void vscode.window.showInformationMessage(
    l10n.t('Gongwen: 「{0}」 added to the word list in your user settings (no folder is open, so there is no .gongwen.json).', word),
  );
}
