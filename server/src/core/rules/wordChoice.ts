/**
 * `word-choice` (warning) — a real word in the wrong place, told by its context: 截止 + 时间点 → 截至;
 * 向…反应情况 → 反映; 本办法自…起实行 → 施行; 防止…不再发生 (the meaning reversed); 做出决定 → 作出
 * (one step gentler: a convention of 公文 rather than an error). Each entry is a regular expression in
 * server/data/word-choice.tsv whose lookarounds carry the context (see regexTable.ts).
 */
import wordChoiceTable from '../../../data/word-choice.tsv';
import { regexTableRule } from './regexTable';

export const wordChoiceRule = regexTableRule(
  {
    id: 'word-choice',
    label: '语境用词',
    category: 'usage',
    defaultSeverity: 'warning',
    description: '语境用词：截止＋时间点→截至，向…反应情况→反映，本办法自…起实行→施行，防止…不再发生→再次发生，做出决定→作出（较轻提示）。',
  },
  wordChoiceTable,
);
