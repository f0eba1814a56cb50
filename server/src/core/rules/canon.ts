/** Placeholder: implemented in issue 3. */
import type { ParagraphRule } from '../types';

export const canonRule: ParagraphRule = {
  id: 'canon',
  label: '规范提法',
  category: 'wording',
  defaultSeverity: 'warning',
  description: '规范提法：与规范表述差一字、漏一字、多一字或语序颠倒的提法（「两个确立」「两个维护」「铸牢中华民族共同体意识」等）。',
  check() {
    return [];
  },
};
