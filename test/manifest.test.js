'use strict';
// The extension manifest (package.json `contributes`, `l10n`), its translations (package.nls*.json),
// the runtime message bundles (l10n/) and the JSON schema of .gongwen.json.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { loadServerModule } = require('./client-load');

const ROOT = path.join(__dirname, '..');
const read = (...parts) => fs.readFileSync(path.join(ROOT, ...parts), 'utf8');
const readJson = (...parts) => JSON.parse(read(...parts));

const SEVERITY_ENUM = ['error', 'warning', 'info', 'hint', 'off'];
const SCOPES = ['application', 'machine', 'machine-overridable', 'window', 'resource', 'language-overridable'];
const HAN_RE = /[\u3400-\u9fff]/u;

/** Every string in a JSON value, with its path. */
function strings(value, where = '') {
  if (typeof value === 'string') return [[where, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${where}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${where}.${k}`));
  return [];
}

/** The client's TypeScript sources. */
function clientSources() {
  const dir = path.join(ROOT, 'client', 'src');
  const out = [];
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) out.push([path.relative(ROOT, full), fs.readFileSync(full, 'utf8')]);
    }
  };
  walk(dir);
  return out;
}

/** The message of every `l10n.t(...)` call; fails on a call whose first argument is not a plain literal. */
function l10nMessages() {
  const messages = new Map();
  const literal = /\bl10n\.t\(\s*('(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\$])*`)\s*[,)]/g;
  for (const [file, source] of clientSources()) {
    const calls = (source.match(/\bl10n\.t\(/g) || []).length;
    let found = 0;
    for (const m of source.matchAll(literal)) {
      found++;
      const message = Function(`return ${m[1]}`)();
      if (!messages.has(message)) messages.set(message, file);
    }
    assert.equal(found, calls, `${file}: every l10n.t() call must start with a string literal (no variables, no \${} templates)`);
  }
  return messages;
}

const placeholders = (s) => [...s.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort();

describe('package.json manifest', () => {
  let manifest;
  let nls;
  let nlsZh;
  before(() => {
    manifest = readJson('package.json');
    nls = readJson('package.nls.json');
    nlsZh = readJson('package.nls.zh-cn.json');
  });

  describe('manifest localisation (package.nls.json, package.nls.zh-cn.json)', () => {
    it('defines every %key% used in package.json in English and in Chinese, and no unused key', () => {
      const used = new Set();
      for (const [where, s] of strings(manifest)) {
        const m = /^%([^%\s]+)%$/.exec(s);
        if (!m) continue;
        used.add(m[1]);
        assert.equal(typeof nls[m[1]], 'string', `${where}: %${m[1]}% is missing from package.nls.json`);
        assert.equal(typeof nlsZh[m[1]], 'string', `${where}: %${m[1]}% is missing from package.nls.zh-cn.json`);
      }
      assert.ok(used.size >= 15, `only ${used.size} keys used`);
      for (const key of Object.keys(nls)) assert.ok(used.has(key), `package.nls.json: ${key} is not used`);
      assert.deepEqual(Object.keys(nlsZh).sort(), Object.keys(nls).sort(), 'both files have the same keys');
    });

    it('has English in the default file and Chinese in the zh-cn file', () => {
      for (const [key, value] of Object.entries(nlsZh)) {
        assert.ok(value.trim() !== '', `${key} is empty`);
        assert.match(value, HAN_RE, `package.nls.zh-cn.json: ${key} has no Chinese`);
      }
      for (const [key, value] of Object.entries(nls)) {
        assert.match(value, /[A-Za-z]{3}/, `package.nls.json: ${key} is not English`);
      }
    });

    it('takes every user-facing manifest string from the nls files', () => {
      const key = (s) => /^%[^%\s]+%$/.test(s);
      assert.ok(key(manifest.displayName) && key(manifest.description), 'displayName and description');
      assert.ok(key(manifest.contributes.configuration.title), 'configuration title');
      for (const command of manifest.contributes.commands) {
        assert.ok(key(command.title), `${command.command}: title`);
        assert.ok(key(command.category), `${command.command}: category`);
      }
      for (const [id, setting] of Object.entries(manifest.contributes.configuration.properties)) {
        const text = setting.markdownDescription ?? setting.description;
        assert.ok(text && key(text), `${id}: description must be a %key%`);
      }
    });
  });

  describe('settings', () => {
    let properties;
    before(() => {
      properties = manifest.contributes.configuration.properties;
    });

    it('gives every setting a scope and a description in both languages', () => {
      for (const [id, setting] of Object.entries(properties)) {
        assert.ok(id.startsWith('gongwen.'), id);
        assert.ok(SCOPES.includes(setting.scope), `${id}: scope ${setting.scope}`);
        const text = setting.markdownDescription ?? setting.description;
        const k = /^%(.+)%$/.exec(text)[1];
        assert.ok(nls[k].length > 20 && nlsZh[k].length > 10, `${id}: description too short`);
        assert.ok('default' in setting, `${id}: no default`);
      }
    });

    it('has gongwen.speechPace (characters a minute, default 220)', () => {
      const s = properties['gongwen.speechPace'];
      assert.equal(s.type, 'number');
      assert.equal(s.default, 220);
      assert.ok(s.minimum > 0 && s.maximum > s.default);
      assert.equal(s.scope, 'resource');
    });

    it('has gongwen.typoContext.margin (number, default 9 like the rule) saying when it runs (on pause, full check) and that fix-all skips it', () => {
      const s = properties['gongwen.typoContext.margin'];
      assert.equal(s.type, 'number');
      assert.equal(s.default, 9);
      const k = /^%(.+)%$/.exec(s.markdownDescription)[1];
      assert.match(nls[k], /margin/);
      assert.match(nls[k], /clause more probable/);
      // What a writer gains by raising or lowering it, not the unit of the score.
      assert.match(nls[k], /Raise it to see fewer hints, nearly all of them real slips/);
      assert.match(nls[k], /lower it to catch more slips/);
      assert.match(nlsZh[k], /调高：提示更少/);
      assert.match(nlsZh[k], /调低：能多发现/);
      for (const text of [nls[k], nlsZh[k]]) assert.doesNotMatch(text, /natural-log|自然对数/);
      assert.match(nls[k], /typing pauses/);
      assert.match(nls[k], /full-document check/);
      assert.match(nls[k], /never apply/);
    });

    it('lists every rule of the checker in gongwen.rules with the severity enum', () => {
      const { RULES } = require('../dist/core.js');
      const rules = properties['gongwen.rules'];
      const ids = RULES.map((r) => r.id).sort();
      assert.deepEqual(Object.keys(rules.properties).sort(), ids);
      for (const [id, rule] of Object.entries(rules.properties)) assert.deepEqual(rule.enum, SEVERITY_ENUM, id);
      assert.deepEqual(rules.additionalProperties.enum, SEVERITY_ENUM);
      const k = /^%(.+)%$/.exec(rules.markdownDescription)[1];
      for (const id of ids) {
        assert.ok(nls[k].includes(`\`${id}\``), `the English description of gongwen.rules does not name ${id}`);
        assert.ok(nlsZh[k].includes(`\`${id}\``), `the Chinese description of gongwen.rules does not name ${id}`);
      }
    });
  });

  describe('.gongwen.json schema', () => {
    let schema;
    before(() => {
      schema = readJson('schemas', 'gongwen.schema.json');
    });

    it('is contributed for .gongwen.json', () => {
      const entries = manifest.contributes.jsonValidation;
      assert.ok(Array.isArray(entries));
      const entry = entries.find((e) => [].concat(e.fileMatch).includes('.gongwen.json'));
      assert.ok(entry, 'no jsonValidation entry for .gongwen.json');
      assert.equal(path.normalize(entry.url), path.normalize('./schemas/gongwen.schema.json'));
      assert.ok(!/^https?:/.test(entry.url), 'a local schema: no network');
    });

    it('describes rules, typoPairs, allowWords, documentDate, speechPace and typoContextMargin, and nothing else', () => {
      assert.equal(schema.type, 'object');
      assert.deepEqual(Object.keys(schema.properties).sort(), [
        '$schema',
        'allowWords',
        'documentDate',
        'rules',
        'speechPace',
        'typoContextMargin',
        'typoPairs',
      ]);
      assert.equal(schema.additionalProperties, false, 'a misspelt field should be underlined');
      for (const [field, def] of Object.entries(schema.properties)) {
        if (field === '$schema') continue;
        assert.match(def.description ?? '', HAN_RE, `${field}: description`);
      }
    });

    it('uses the same rule ids, enums and formats as the settings', () => {
      const props = manifest.contributes.configuration.properties;
      const rules = props['gongwen.rules'];
      assert.deepEqual(Object.keys(schema.properties.rules.properties).sort(), Object.keys(rules.properties).sort());
      for (const [id, rule] of Object.entries(schema.properties.rules.properties)) {
        assert.deepEqual(rule.enum, rules.properties[id].enum, id);
        assert.ok(rule.description, `${id}: description`);
      }
      assert.deepEqual(schema.properties.rules.additionalProperties, rules.additionalProperties);
      assert.equal(schema.properties.documentDate.pattern, props['gongwen.documentDate'].pattern);
      assert.deepEqual(schema.properties.typoPairs.additionalProperties, props['gongwen.typoPairs'].additionalProperties);
      assert.deepEqual(schema.properties.allowWords.items.type, props['gongwen.allowWords'].items.type);
      assert.equal(schema.properties.speechPace.default, props['gongwen.speechPace'].default);
    });

    it("knows the same fields as the server's reader of .gongwen.json", () => {
      // The reader itself, built on the fly (a reader that moved fails to build here, never skips).
      const { SETTINGS_FILE_KEYS } = loadServerModule('server/src/io/settingsFile.ts');
      assert.deepEqual(Object.keys(schema.properties).sort(), [...SETTINGS_FILE_KEYS].sort());
    });
  });

  describe('editor defaults and the VS Code it runs on', () => {
    it('sets word wrap and no ambiguous-character boxes for the gongwen language', () => {
      // Full-width marks（，：“”）are "ambiguous" to VS Code: without this every one of them is boxed.
      const defaults = manifest.contributes.configurationDefaults['[gongwen]'];
      assert.equal(defaults['editor.wordWrap'], 'on');
      assert.equal(defaults['editor.unicodeHighlight.ambiguousCharacters'], false);
      // The full-width space that indents 公文 paragraphs and 附件说明 lines is no invisible trick; a
      // zero-width space pasted from a web page still is, so invisible characters stay boxed otherwise.
      assert.deepEqual(defaults['editor.unicodeHighlight.allowedCharacters'], { '\u3000': true });
      assert.equal(defaults['editor.unicodeHighlight.invisibleCharacters'], undefined);
      // In Restricted Mode VS Code boxes every character outside basic ASCII: every character of a 公文.
      assert.equal(defaults['editor.unicodeHighlight.nonBasicASCII'], false);
      assert.deepEqual(Object.keys(manifest.contributes.configurationDefaults), ['[gongwen]'], 'only our own language');
    });

    it('claims VS Code 1.100 or later, and its API types do not exceed that', () => {
      const floor = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(manifest.engines.vscode);
      assert.ok(floor, manifest.engines.vscode);
      // VS Code 1.100's extension host runs Node 20.19 (Electron 34.5.1): the first that can load mocha 12
      // (require of an ES module) for the @vscode/test-electron suite. Below that nothing is tested.
      assert.deepEqual([Number(floor[1]), Number(floor[2])], [1, 100]);
      const types = /^~?(\d+)\.(\d+)\.(\d+)$/.exec(manifest.devDependencies['@types/vscode']);
      assert.ok(types, manifest.devDependencies['@types/vscode']);
      assert.ok(
        Number(types[1]) === Number(floor[1]) && Number(types[2]) <= Number(floor[2]),
        '@types/vscode must not exceed engines.vscode',
      );
      const installed = JSON.parse(read('node_modules', '@types', 'vscode', 'package.json'))
        .version.split('.')
        .map(Number);
      assert.ok(installed[0] === 1 && installed[1] <= Number(floor[2]), `installed @types/vscode ${installed.join('.')}`);
    });
  });

  describe('Restricted Mode and virtual workspaces (capabilities)', () => {
    it('runs in Restricted Mode, ignoring the workspace values of every setting that could hide findings or rewrite text', () => {
      const untrusted = manifest.capabilities.untrustedWorkspaces;
      assert.equal(untrusted.supported, 'limited');
      const restricted = untrusted.restrictedConfigurations;
      const properties = manifest.contributes.configuration.properties;
      for (const key of restricted) assert.ok(properties[key], `${key} is not a setting`);
      // The same keys as the server ignores in an untrusted .gongwen.json (io/settingsFile.ts), and the languages checked.
      const ignored = loadServerModule('server/src/io/settingsFile.ts').KEYS_IGNORED_WHEN_UNTRUSTED;
      const settingOf = {
        rules: 'gongwen.rules',
        typoPairs: 'gongwen.typoPairs',
        allowWords: 'gongwen.allowWords',
        documentDate: 'gongwen.documentDate',
        typoContextMargin: 'gongwen.typoContext.margin',
      };
      assert.deepEqual(ignored.map((k) => settingOf[k]).sort(), restricted.filter((k) => k !== 'gongwen.languages').sort());
      assert.ok(restricted.includes('gongwen.languages'), 'a workspace must not switch the checking off');
      // What stays: the speaking pace and the server trace change no finding and no text.
      assert.ok(!restricted.includes('gongwen.speechPace'));
      const k = /^%(.+)%$/.exec(untrusted.description)[1];
      assert.match(nlsZh[k], /受限模式/);
      assert.match(nls[k], /Restricted Mode/);
    });

    it('declares that virtual workspaces are not supported, and says why', () => {
      const virtual = manifest.capabilities.virtualWorkspaces;
      assert.equal(virtual.supported, false);
      const k = /^%(.+)%$/.exec(virtual.description)[1];
      assert.match(nls[k], /from disk/);
      // The client only asks for documents on disk and unsaved drafts: nothing else would be checked anyway.
      assert.match(read('client', 'src', 'languageServer.ts'), /\{ scheme: 'file', language \},\s*\{ scheme: 'untitled', language \}/);
    });

    it('tells the server whether the folder is trusted, and restarts it when trust is granted', () => {
      assert.match(
        read('client', 'src', 'languageServer.ts'),
        /initializationOptions: \{ workspaceTrusted: vscode\.workspace\.isTrusted \}/,
      );
      assert.match(read('client', 'src', 'extension.ts'), /onDidGrantWorkspaceTrust\(\s*\(\) =>\s*void handle\.restart\(/);
    });
  });

  describe('commands, menus, grammars, snippets', () => {
    it('registers every contributed command in the client, with a category', () => {
      const source =
        clientSources()
          .map(([, s]) => s)
          .join('\n') + read('shared', 'protocol.ts');
      for (const command of manifest.contributes.commands) {
        assert.ok(source.includes(`'${command.command}'`), `${command.command} is not defined in the client`);
        assert.ok(command.category, `${command.command}: category`);
      }
      const ids = new Set(manifest.contributes.commands.map((c) => c.command));
      for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
        for (const item of items) assert.ok(ids.has(item.command), `${menu}: unknown command ${item.command}`);
      }
      for (const id of ['gongwen.checkDocument', 'gongwen.exportReport', 'gongwen.listFindings', 'gongwen.fixAll', 'gongwen.allowWord']) {
        assert.ok(ids.has(id), `missing command ${id}`);
      }
    });

    it('points every grammar and snippet file at a file that exists', () => {
      for (const g of manifest.contributes.grammars) assert.ok(fs.existsSync(path.join(ROOT, g.path)), g.path);
      for (const s of manifest.contributes.snippets) assert.ok(fs.existsSync(path.join(ROOT, s.path)), s.path);
      const languages = manifest.contributes.snippets.map((s) => s.language).sort();
      assert.deepEqual(languages, ['gongwen', 'markdown', 'plaintext']);
    });
  });

  describe('runtime messages (l10n/)', () => {
    let messages;
    let bundle;
    let bundleZh;
    before(() => {
      messages = l10nMessages();
      bundle = readJson('l10n', 'bundle.l10n.json');
      bundleZh = readJson('l10n', 'bundle.l10n.zh-cn.json');
    });

    it('is declared in package.json and uses @vscode/l10n', () => {
      assert.equal(manifest.l10n, './l10n');
      assert.ok(manifest.dependencies['@vscode/l10n'] || manifest.devDependencies['@vscode/l10n'], '@vscode/l10n is a dependency');
      for (const [file, source] of clientSources()) {
        assert.doesNotMatch(source, /vscode\.l10n\.t\(/, `${file}: use l10n.t from @vscode/l10n (one source of strings)`);
        if (/\bl10n\.t\(/.test(source)) assert.match(source, /import \* as l10n from '@vscode\/l10n';/, file);
      }
    });

    it('has a Chinese translation of every l10n.t string in the client, with the same placeholders', () => {
      assert.ok(messages.size >= 30, `only ${messages.size} messages found`);
      for (const [message, file] of messages) {
        assert.equal(typeof bundleZh[message], 'string', `${file}: no zh-cn translation for ${JSON.stringify(message)}`);
        assert.deepEqual(placeholders(bundleZh[message]), placeholders(message), `placeholders of ${JSON.stringify(message)}`);
        assert.match(message, /^[^\u3400-\u9fff]*$/u, `source strings are English: ${JSON.stringify(message)}`);
      }
    });

    it('keeps the bundles free of stale entries; the default bundle maps each message to itself', () => {
      for (const key of Object.keys(bundleZh)) assert.ok(messages.has(key), `bundle.l10n.zh-cn.json: unused ${JSON.stringify(key)}`);
      assert.deepEqual(Object.keys(bundle).sort(), [...messages.keys()].sort());
      for (const [key, value] of Object.entries(bundle)) assert.equal(value, key);
    });

    it('sends no user-facing message around l10n', () => {
      for (const [file, source] of clientSources()) {
        for (const m of source.matchAll(/\bshow(?:Information|Warning|Error)Message\(([\s\S]{0,200})/g)) {
          const argument = m[1];
          const firstQuote = argument.search(/['"`]/);
          const firstL10n = argument.indexOf('l10n.t(');
          assert.ok(firstL10n >= 0 && (firstQuote < 0 || firstL10n < firstQuote), `${file}: message not localised: ${m[0].slice(0, 80)}`);
        }
      }
    });
  });
});
