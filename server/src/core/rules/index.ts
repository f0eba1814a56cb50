/** The rule registry: order here is the order of findings at the same offset. */
import type { Rule } from '../types';
import { dupWordRule } from './dupWord';
import { placeholderRule } from './placeholder';
import { punctDupRule } from './punctDup';
import { punctWidthRule } from './punctWidth';
import { residueRule } from './residue';
import { typoRule } from './typo';

export const RULES: readonly Rule[] = [typoRule, punctDupRule, punctWidthRule, placeholderRule, dupWordRule, residueRule];
