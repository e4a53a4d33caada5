/**
 * The privacy review's findings grouped as the dialog shows them: each person
 * of the register with every form found, then names outside the register,
 * then the other details by kind; and a finding's context split around it.
 */
import { DETAIL_KINDS, DETAIL_KIND_LABELS, type DetailKind, type Person, type PrivacyFinding } from '../../shared/privacy';

export interface FindingGroup {
  key: string;
  title: string;
  /** The person a group is about (null: a kind of detail, or names outside the register). */
  person: Person | null;
  findings: PrivacyFinding[];
}

export function groupFindings(findings: PrivacyFinding[], persons: Person[], notInRegister: string): FindingGroup[] {
  const byPerson = new Map<string, FindingGroup>();
  const byKind = new Map<string, FindingGroup>();
  for (const finding of findings) {
    const person = finding.personId ? persons.find((candidate) => candidate.id === finding.personId) : undefined;
    if (person) {
      const group = byPerson.get(person.id) ?? { key: `person:${person.id}`, title: person.name, person, findings: [] };
      group.findings.push(finding);
      byPerson.set(person.id, group);
      continue;
    }
    const title = finding.kind === 'naam' ? notInRegister : (DETAIL_KIND_LABELS[finding.kind as DetailKind] ?? finding.kind);
    const group = byKind.get(finding.kind) ?? { key: `kind:${finding.kind}`, title, person: null, findings: [] };
    group.findings.push(finding);
    byKind.set(finding.kind, group);
  }
  const kindOrder = (group: FindingGroup) => DETAIL_KINDS.indexOf(group.key.slice('kind:'.length) as DetailKind);
  // Uncertain candidates first within a group: they are what needs a decision.
  const ordered = (group: FindingGroup) => ({ ...group, findings: [...group.findings].sort((a, b) => Number(a.certain) - Number(b.certain) || b.count - a.count) });
  return [
    ...[...byPerson.values()].sort((a, b) => a.title.localeCompare(b.title, 'nl')).map(ordered),
    ...[...byKind.values()].sort((a, b) => kindOrder(a) - kindOrder(b)).map(ordered),
  ];
}

/** "…moeder ⟦Sandra⟧ belde…" → before, the detail, after. */
export function splitContext(context: string): { before: string; detail: string; after: string } {
  const match = /^([\s\S]*?)⟦([\s\S]*?)⟧([\s\S]*)$/u.exec(context);
  return match ? { before: match[1]!, detail: match[2]!, after: match[3]! } : { before: context, detail: '', after: '' };
}
