/** Placeholder: implemented in issue 3. */
import type { ParagraphRule } from '../types';

export const deRule: ParagraphRule = {
  id: 'de',
  label: '的地得',
  category: 'usage',
  defaultSeverity: 'warning',
  description: '的/地/得：动词后接程度补语用「得」，状语后接动词用「地」（「做的很好」→「做得很好」）。',
  check() {
    return [];
  },
};
