// Shared by the tests: the built core (dist/core.js, made by `npm run build`) and small helpers.
'use strict';
const path = require('node:path');
const core = require(path.join(__dirname, '..', 'dist', 'core.js'));

const RULE_IDS = core.RULES.map((r) => r.id);

/** Findings of one rule only, as [flagged text, first suggestion] pairs. */
function flagged(text, rule, extra = {}) {
  const rules = Object.fromEntries(RULE_IDS.map((id) => [id, id === rule ? 'error' : 'off']));
  return core.check(text, { ...extra, rules }).map((f) => [text.slice(f.offset, f.offset + f.length), f.suggestions[0]]);
}

module.exports = { core, RULE_IDS, flagged, root: path.join(__dirname, '..') };
