/**
 * Starting, restarting and stopping the language server. A document selector cannot be changed on
 * a running client, so a change of `gongwen.languages` restarts it.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { DocumentSelector, LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { DOCX_SCHEME, GARBLED_NOTIFICATION, PRODUCT_NAME, type GarbledParams, type InitializationOptions } from '../../shared/protocol';
import type { GarbledDocuments } from './garbled';
import { SETTINGS_SECTION } from './settings';
import { errorMessage } from './util';

const CLIENT_ID = 'gongwen';

/**
 * Owns the current LanguageClient. Start, stop and restart are queued one after another, because
 * a restart triggered while the previous client is still starting would otherwise race with it.
 */
export class ServerHandle {
  private client: LanguageClient | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.OutputChannel,
    private readonly garbled?: GarbledDocuments,
  ) {}

  start(languages: string[]): Promise<void> {
    return this.enqueue(() => this.startNow(languages));
  }

  /** Restarts the server; `why` is logged to the output channel. */
  restart(languages: string[], why: string): Promise<void> {
    return this.enqueue(async () => {
      this.output.appendLine(why);
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
    const client = new LanguageClient(CLIENT_ID, l10n.t('Gongwen proofreading'), this.serverOptions(), this.clientOptions(languages));
    this.client = client;
    try {
      await client.start();
      const garbled = this.garbled;
      if (garbled)
        client.onNotification(GARBLED_NOTIFICATION, (params: GarbledParams) =>
          garbled.onNotification(params, (s) => client.protocol2CodeConverter.asUri(s)),
        );
    } catch (error) {
      const reason = errorMessage(error);
      this.output.appendLine(l10n.t('The language server did not start: {0}', reason));
      void vscode.window.showErrorMessage(
        l10n.t('Gongwen: the language server did not start ({0}). See "Gongwen proofreading" in the Output panel.', reason),
      );
    }
  }

  private async stopNow(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    try {
      // dispose() also removes the client's diagnostics, so nothing stale stays in the Problems panel.
      await client.dispose();
    } catch (error) {
      // A client whose start failed cannot be stopped; there is nothing left to clean up then.
      this.output.appendLine(l10n.t('Error while stopping the language server: {0}', errorMessage(error)));
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
      // Read when the server starts; granting trust restarts it (extension.ts).
      initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted } satisfies InitializationOptions,
    };
  }
}

/** Saved files and not-yet-saved (untitled) drafts alike: a draft is where most writing starts; and Word documents' text. */
function documentSelectorFor(languages: string[]): DocumentSelector {
  return languages.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
    { scheme: DOCX_SCHEME, language },
  ]);
}

/** The running client, or undefined after telling the user why nothing can happen. */
export async function requireClient(handle: ServerHandle): Promise<LanguageClient | undefined> {
  const client = await handle.ready();
  if (!client) {
    void vscode.window.showErrorMessage(
      l10n.t('Gongwen: the language server is not running. See "Gongwen proofreading" in the Output panel.'),
    );
  }
  return client;
}
