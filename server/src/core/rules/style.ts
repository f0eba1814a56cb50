/**
 * `style` (hint) — redundancies: 「凯旋而归」「涉及到」「各位领导们」「截至到」「共同携手」. Each entry is a
 * regular expression in server/data/style.tsv (see regexTable.ts). Words that are wrong in their
 * context rather than wordy (截止/截至, 反应/反映, 实行/施行) are `word-choice`'s.
 */
import styleTable from '../../../data/style.tsv';
import { regexTableRule } from './regexTable';

export const styleRule = regexTableRule(
  {
    id: 'style',
    label: '文风',
    category: 'style',
    defaultSeverity: 'hint',
    description: '文风：语义重复（「凯旋而归」「涉及到」「再次重申」「各位领导们」「截至到」「共同携手」）。',
  },
  styleTable,
);
