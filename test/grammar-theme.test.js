'use strict';
// Every scope our grammars give a writer's text must show in VS Code's default themes: a colour other
// than the editor's text colour, or a font style. The themes' token colours are in
// test/fixtures/vscode-themes/themes.json (VS Code 1.100.3, extract.js beside it writes them).
//
// Theme matching, as VS Code's TextMate engine does it: a token carries a stack of scopes (the
// grammar's root, then each enclosing rule's names, then its own); each scope, outermost first,
// takes the most specific theme rule whose last selector is a dot-prefix of it (「constant.numeric」
// matches 「constant.numeric.date.gongwen」) and whose parent selectors match enclosing scopes in
// order; a scope whose rule sets no foreground keeps the one of its enclosing scope.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const THEMES = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'vscode-themes', 'themes.json'), 'utf8'));
const GRAMMARS = ['gongwen.tmLanguage.json', 'gongwen.injection.tmLanguage.json'].map((f) =>
  JSON.parse(fs.readFileSync(path.join(ROOT, 'syntaxes', f), 'utf8')),
);
/** The defaults a writer meets: Light Modern and Dark Modern (VS Code's defaults), Light+ and Dark+. */
const TESTED = ['light_modern.json', 'light_plus.json', 'dark_modern.json', 'dark_plus.json'];

/** A theme's rules, its includes first (a later rule wins a tie), and its editor text colour. */
function loadTheme(file) {
  const theme = THEMES.themes[file];
  assert.ok(theme, `themes.json has no ${file}`);
  const base = theme.include ? loadTheme(theme.include) : { rules: [], editorForeground: undefined };
  const rules = [...base.rules];
  for (const r of theme.tokenColors) {
    for (const selector of r.scope) {
      const parts = selector.trim().split(/\s+/);
      rules.push({
        selector,
        last: parts[parts.length - 1],
        parents: parts.slice(0, -1),
        foreground: r.foreground,
        fontStyle: r.fontStyle,
        order: rules.length,
      });
    }
  }
  return { name: theme.name, rules, editorForeground: theme.editorForeground ?? base.editorForeground };
}

const prefixOf = (selector, scope) => scope === selector || scope.startsWith(selector + '.');

/** The most specific rule for the scope at stack[i], given the scopes enclosing it. */
function ruleFor(theme, stack, i) {
  let best;
  for (const r of theme.rules) {
    if (!prefixOf(r.last, stack[i])) continue;
    // Parent selectors, innermost last, must match enclosing scopes in order.
    let j = i - 1;
    let ok = true;
    for (let k = r.parents.length - 1; k >= 0; k--) {
      while (j >= 0 && !prefixOf(r.parents[k], stack[j])) j--;
      if (j < 0) {
        ok = false;
        break;
      }
      j--;
    }
    if (!ok) continue;
    const rank = [r.last.split('.').length, r.parents.length, r.order];
    if (
      !best ||
      rank[0] > best.rank[0] ||
      (rank[0] === best.rank[0] && (rank[1] > best.rank[1] || (rank[1] === best.rank[1] && rank[2] > best.rank[2])))
    ) {
      best = { rule: r, rank };
    }
  }
  return best?.rule;
}

function styleOf(theme, stack) {
  let foreground;
  let fontStyle;
  for (let i = 0; i < stack.length; i++) {
    const r = ruleFor(theme, stack, i);
    if (r?.foreground) foreground = r.foreground;
    if (r?.fontStyle !== undefined) fontStyle = r.fontStyle;
  }
  return { foreground, fontStyle };
}

const normalize = (color) => (color || '').toLowerCase().replace(/^(#[0-9a-f]{6})ff$/, '$1');

function isVisible(theme, style) {
  if (style.fontStyle && /bold|italic|underline/.test(style.fontStyle)) return true;
  return Boolean(style.foreground) && normalize(style.foreground) !== normalize(theme.editorForeground);
}

/**
 * Every scope stack a grammar can give a token: walked from the top-level patterns through includes
 * (local, and text.gongwen#… from the injection), rule names and captures. Each stack starts with
 * the grammar's root scope and ends with the scope whose visibility is in question.
 */
function scopeStacks(grammar) {
  const main = GRAMMARS[0];
  const stacks = new Map();
  const resolve = (include, repo) => {
    if (include.startsWith('#')) return repo[include.slice(1)];
    const [scope, key] = include.split('#');
    if (scope === main.scopeName) return key ? main.repository[key] : { patterns: main.patterns };
    return undefined;
  };
  const visit = (rule, parent, repo, depth) => {
    if (!rule || depth > 12) return;
    if (rule.include) {
      const target = resolve(rule.include, repo);
      const targetRepo = rule.include.startsWith('#') ? repo : main.repository;
      return visit(target, parent, targetRepo, depth + 1);
    }
    let stack = parent;
    for (const key of ['name', 'contentName']) {
      if (!rule[key]) continue;
      stack = [...stack, ...rule[key].split(/\s+/)];
      stacks.set(stack.join(' '), stack);
    }
    for (const key of ['captures', 'beginCaptures', 'endCaptures', 'whileCaptures']) {
      for (const cap of Object.values(rule[key] || {})) {
        const capStack = cap.name ? [...stack, ...cap.name.split(/\s+/)] : stack;
        if (cap.name) stacks.set(capStack.join(' '), capStack);
        for (const p of cap.patterns || []) visit(p, capStack, repo, depth + 1);
      }
    }
    for (const p of rule.patterns || []) visit(p, stack, repo, depth + 1);
  };
  const root = grammar.injectionSelector ? 'text.html.markdown' : grammar.scopeName;
  visit({ patterns: grammar.patterns }, [root], grammar.repository || {}, 0);
  return [...stacks.values()];
}

/**
 * Scopes that are not themselves text to show: a meta.* scope spans a construct whose parts carry
 * their own scopes (the date inside 「（2026年1月5日）」), and punctuation that only opens or closes
 * such a construct sits in it (the brackets of the signing date).
 */
const CONTAINER = /^meta\./;

describe('grammar scopes in the default themes (test/fixtures/vscode-themes/themes.json)', () => {
  it('uses the token colours of VS Code 1.100.3, the lowest VS Code engines.vscode claims', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const floor = manifest.engines.vscode.replace(/^[\^~>=]+/, '');
    const [major, minor] = floor.split('.').map(Number);
    const [, version] = /^VS Code (\d+\.\d+\.\d+)/.exec(THEMES.source);
    const [tMajor, tMinor] = version.split('.').map(Number);
    assert.ok(tMajor === major && tMinor === minor, `themes of VS Code ${version}, engines.vscode ${manifest.engines.vscode}`);
  });

  it('matches theme selectors as VS Code does (checks of the matcher itself)', () => {
    const light = loadTheme('light_modern.json');
    assert.equal(styleOf(light, ['text.gongwen', 'constant.numeric.date.gongwen']).foreground, '#098658');
    assert.equal(styleOf(light, ['text.gongwen', 'constant.other.reference.x']).foreground, undefined, 'no theme colours constant.other');
    // A punctuation mark takes the colour of the string around it.
    assert.equal(styleOf(light, ['text.gongwen', 'string.quoted.double.x', 'punctuation.definition.string.begin.x']).foreground, '#a31515');
    // A parent selector: 「meta.embedded」-like rules only under their parent.
    assert.ok(light.rules.some((r) => r.parents.length > 0));
    assert.equal(isVisible(light, { foreground: '#3B3B3B' }), false, 'the editor text colour is no colour');
    assert.equal(isVisible(light, { fontStyle: 'bold' }), true);
  });

  for (const grammar of GRAMMARS) {
    const stacks = scopeStacks(grammar);
    it(`${grammar.scopeName}: finds its scopes (${stacks.length} stacks)`, () => {
      assert.ok(stacks.length >= (grammar.injectionSelector ? 10 : 25), `only ${stacks.length}`);
    });
    for (const file of TESTED) {
      it(`${grammar.scopeName}: every scope shows in ${THEMES.themes[file].name}`, () => {
        const theme = loadTheme(file);
        const invisible = stacks
          .filter((stack) => !CONTAINER.test(stack[stack.length - 1]))
          .filter((stack) => !isVisible(theme, styleOf(theme, stack)))
          .map((stack) => stack.slice(1).join(' > '));
        assert.deepEqual(invisible, [], `no colour in ${theme.name}:\n${invisible.join('\n')}`);
      });
    }
  }
});
