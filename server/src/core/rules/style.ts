/** Placeholder: implemented in issue 3. */
import type { ParagraphRule } from '../types';

export const styleRule: ParagraphRule = {
  id: 'style',
  label: '文风',
  category: 'style',
  defaultSeverity: 'hint',
  description: '文风：语义重复（「凯旋而归」「涉及到」「截至到」）和语境用词（截止/截至、反应/反映、实行/施行）。',
  check() {
    return [];
  },
};
