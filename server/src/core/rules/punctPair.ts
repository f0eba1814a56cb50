/** Placeholder: implemented in issue 3. */
import type { DocumentRule } from '../types';

export const punctPairRule: DocumentRule = {
  id: 'punct-pair',
  label: '标点形式',
  category: 'punctuation',
  defaultSeverity: 'warning',
  scope: 'document',
  description: '标点形式（GB/T 15834）：引号括号书名号不配对、书名号嵌套、并列书名号间的顿号、省略号和破折号的写法、「！？」、标题末尾句号。',
  checkDocument() {
    return [];
  },
};
