/** Placeholder: implemented in issue 4. */
import type { ParagraphRule } from '../types';

export const typoContextRule: ParagraphRule = {
  id: 'typo-context',
  label: '疑似错别字',
  category: 'typo',
  defaultSeverity: 'info',
  description: '词表外的疑似错别字：音近或形近的替换使句子的分词明显更合理时提示。',
  check() {
    return [];
  },
};
