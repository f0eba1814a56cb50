/** Placeholder: implemented in issue 3. */
import type { ParagraphRule } from '../types';

export const numberRule: ParagraphRule = {
  id: 'number',
  label: '数字用法',
  category: 'number',
  defaultSeverity: 'warning',
  description: '数字用法（GB/T 15835）：年份中的〇、约数词叠用、阿拉伯数字与汉字混写、数值范围、届次会次用汉字、相邻数字概数不加顿号。',
  check() {
    return [];
  },
};
