/** Placeholder: implemented in issue 3. */
import type { DocumentRule } from '../types';

export const numberingRule: DocumentRule = {
  id: 'numbering',
  label: '层次序号',
  category: 'structure',
  defaultSeverity: 'warning',
  scope: 'document',
  description: '层次序号：一、（一）1.（1）及一是、第一、首先……其次……最后等序号跳号、重号、层级倒置、序号后标点错误。',
  checkDocument() {
    return [];
  },
};
