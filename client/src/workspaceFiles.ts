/**
 * Finding and watching the team's `.gongwen.json` from the client. The server merges the file's
 * proofreading settings itself; the client needs it for two things: the speech pace in the status
 * bar, and the file that 「在本工作区忽略此词」 writes to.
 *
 * The lookup is the server's and the CLI's (settingsFileCandidates in shared/protocol.ts): the
 * nearest file walking up from the document's folder, not above its workspace folder. Files are read through `workspace.fs`, so
 * remote workspaces work too.
 */
import * as vscode from 'vscode';
import { MAX_SETTINGS_BYTES, settingsFileCandidates } from '../../shared/protocol';
import { DEFAULT_SPEECH_PACE } from './speech';
import { speechPaceSetting } from './settings';
import { speechPaceFromFile, WORKSPACE_FILE_NAME } from './workspaceFile';

export interface WorkspaceFileLocation {
  /** The file that governs the document, or where to create one (the workspace folder's root). */
  file: vscode.Uri;
  exists: boolean;
  folder: vscode.WorkspaceFolder;
}

/**
 * The `.gongwen.json` that governs `uri`. Undefined when no workspace folder is open (there is then
 * no team file to read or write). An untitled draft belongs to the first workspace folder.
 */
export async function locateWorkspaceFile(uri: vscode.Uri): Promise<WorkspaceFileLocation | undefined> {
  const owner = vscode.workspace.getWorkspaceFolder(uri);
  const folder = owner ?? (uri.scheme === 'untitled' ? vscode.workspace.workspaceFolders?.[0] : undefined);
  if (!folder) return undefined;

  const root = trimSlash(folder.uri.path);
  // A document's own folder first; the workspace folder itself when given the folder or a draft.
  const start = owner && trimSlash(uri.path) !== root ? posixDirname(trimSlash(uri.path)) : root;
  for (const candidate of settingsFileCandidates(start, root, {
    dirname: posixDirname,
    join: (dir, name) => `${dir === '/' ? '' : dir}/${name}`,
  })) {
    const file = folder.uri.with({ path: candidate });
    if (await exists(file)) return { file, exists: true, folder };
  }
  return { file: vscode.Uri.joinPath(folder.uri, WORKSPACE_FILE_NAME), exists: false, folder };
}

function posixDirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * The file's text: the editor's buffer when it is open (it may hold unsaved edits), else the disk's.
 * Undefined when it cannot be read — including a FIFO, a device (a link to /dev/zero) or a file over
 * MAX_SETTINGS_BYTES, which are not read at all: reading goes on to the end of the file, and those
 * have none (the server and the CLI refuse them the same way, server/src/io/safeFile.ts).
 */
export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if ((stat.type & vscode.FileType.File) === 0 || stat.size > MAX_SETTINGS_BYTES) return undefined;
    return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/**
 * The team file's `speechPace` per document folder, read in the background: the status bar asks
 * synchronously on every update, gets what is known so far, and is told when a read finishes or a
 * `.gongwen.json` changes anywhere in the workspace.
 */
export class SpeechPaceCache implements vscode.Disposable {
  private readonly known = new Map<string, number | undefined>();
  private readonly pending = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly watcher = vscode.workspace.createFileSystemWatcher(`**/${WORKSPACE_FILE_NAME}`);
  private generation = 0;

  /** Fires when a value may have changed; listeners re-read what they show. */
  readonly onDidChange = this.changed.event;

  constructor() {
    const reset = () => {
      // A read already under way may return the old contents: the generation tells it to drop them.
      this.generation++;
      this.known.clear();
      this.changed.fire();
    };
    this.watcher.onDidCreate(reset);
    this.watcher.onDidChange(reset);
    this.watcher.onDidDelete(reset);
  }

  /**
   * The pace for a document: the writer's setting if set, else the team file's, else the default.
   * `source` says which, for the tooltip.
   */
  paceFor(document: vscode.TextDocument): { pace: number; source: 'setting' | 'file' | 'default' } {
    const setting = speechPaceSetting(document.uri);
    if (setting !== undefined) return { pace: setting, source: 'setting' };
    const fromFile = this.fileValue(document.uri);
    if (fromFile !== undefined) return { pace: fromFile, source: 'file' };
    return { pace: DEFAULT_SPEECH_PACE, source: 'default' };
  }

  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
  }

  private fileValue(uri: vscode.Uri): number | undefined {
    const key = vscode.Uri.joinPath(uri, '..').toString();
    if (this.known.has(key)) return this.known.get(key);
    if (!this.pending.has(key)) {
      this.pending.add(key);
      const generation = this.generation;
      void this.load(uri).then((pace) => {
        this.pending.delete(key);
        if (generation !== this.generation) return;
        this.known.set(key, pace);
        if (pace !== undefined) this.changed.fire();
      });
    }
    return undefined;
  }

  private async load(uri: vscode.Uri): Promise<number | undefined> {
    try {
      const location = await locateWorkspaceFile(uri);
      return location?.exists ? speechPaceFromFile(await readText(location.file)) : undefined;
    } catch {
      return undefined;
    }
  }
}
