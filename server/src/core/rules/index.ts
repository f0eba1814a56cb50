/** The rule registry: order here is the order of findings at the same offset. */
import type { Rule } from '../types';
import { dupWordRule } from './dupWord';
import { placeholderRule } from './placeholder';
import { punctDupRule } from './punctDup';
import { punctWidthRule } from './punctWidth';
import { residueRule } from './residue';
import { typoRule } from './typo';
import { typoContextRule } from './typoContext';
import { outdatedRule } from './outdated';
import { canonRule } from './canon';
import { deRule } from './de';
import { numberingRule } from './numbering';
import { numberRule } from './number';
import { punctPairRule } from './punctPair';
import { styleRule } from './style';
import { wordChoiceRule } from './wordChoice';

export const RULES: readonly Rule[] = [
  typoRule,
  punctDupRule,
  punctWidthRule,
  placeholderRule,
  dupWordRule,
  residueRule,
  outdatedRule,
  canonRule,
  deRule,
  numberingRule,
  numberRule,
  punctPairRule,
  wordChoiceRule,
  styleRule,
  typoContextRule,
];
