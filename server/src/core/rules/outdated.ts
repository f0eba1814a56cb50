/** Placeholder: implemented in issue 3. */
import type { ParagraphRule } from '../types';

export const outdatedRule: ParagraphRule = {
  id: 'outdated',
  label: '过时提法',
  category: 'wording',
  defaultSeverity: 'warning',
  description: '过时提法：已更名、已废止或已过时的提法（「一府两院」「新冠肺炎」「十四五开局之年」等），按文稿日期判断。',
  check() {
    return [];
  },
};
