/**
 * The rule registry. Its order is that of `gongwen --help`, SARIF's rule list, the settings and the
 * README table (scripts/generate.mjs); findings are ordered by offset, then length, then rule id
 * (engine.ts), whatever the order here.
 */
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
