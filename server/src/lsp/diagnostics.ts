/** Conversions between the core's findings (UTF-16 offsets) and LSP shapes (line/character). */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver/node';
import { CATEGORY_LABELS, type Finding, type Severity } from '../core';
import { PRODUCT_NAME, type ProtocolFinding, type Severity as WireSeverity } from '../../../shared/protocol';

/** The core's Severity and the protocol's are one list, checked at compile time both ways. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const severityAgrees: Same<Severity, WireSeverity> = true;
void severityAgrees;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a diagnostic carries in `data`, so that code actions need no second check. */
export interface DiagnosticData {
  suggestions: string[];
  category: string;
}

export function findingRange(doc: TextDocument, f: Finding): Range {
  return { start: doc.positionAt(f.offset), end: doc.positionAt(f.offset + f.length) };
}

export function toDiagnostic(doc: TextDocument, f: Finding): Diagnostic {
  return {
    range: findingRange(doc, f),
    severity: SEVERITY[f.severity],
    code: f.rule,
    source: PRODUCT_NAME,
    message: f.message,
    data: { suggestions: f.suggestions, category: f.category } satisfies DiagnosticData,
  };
}

export function toProtocolFinding(doc: TextDocument, text: string, f: Finding): ProtocolFinding {
  return {
    rule: f.rule,
    category: f.category,
    categoryLabel: CATEGORY_LABELS[f.category],
    severity: f.severity,
    message: f.message,
    suggestions: f.suggestions,
    text: text.slice(f.offset, f.offset + f.length),
    range: findingRange(doc, f),
  };
}
