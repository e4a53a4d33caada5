/**
 * A REFI-QDA project (QDA-XML 1.0) as plain data: what the exporter builds
 * from a study and the reader builds from a .qdpx, before either touches XML
 * or the study. Only the parts Veldwerk writes or reads are modelled.
 * Positions are code points of `plainText`, end exclusive.
 */

export interface RefiUser {
  guid: string;
  name: string;
  /** Free identifier; Veldwerk writes the inspector's initials here. */
  id: string | null;
}

export interface RefiCode {
  guid: string;
  name: string;
  color: string | null;
  description: string;
  isCodable: boolean;
  noteGuids: string[];
  children: RefiCode[];
}

export interface RefiCoding {
  guid: string;
  codeGuid: string;
  creatingUser: string | null;
  created: string | null;
  noteGuids: string[];
}

export interface RefiSelection {
  guid: string;
  start: number;
  end: number;
  creatingUser: string | null;
  created: string | null;
  description: string;
  codings: RefiCoding[];
  noteGuids: string[];
}

export type RefiValue =
  | { type: 'Text'; value: string }
  | { type: 'Date'; value: string }
  | { type: 'Integer'; value: number }
  | { type: 'Boolean'; value: boolean };

export interface RefiVariable {
  guid: string;
  name: string;
  type: RefiValue['type'] | 'Float' | 'DateTime';
}

export interface RefiSource {
  guid: string;
  name: string;
  kind: 'text' | 'pdf';
  /** The plain-text representation, exactly as in the file (line ends included). */
  plainText: string;
  /** The bytes of the plain-text file (for a foreign project: the file as it came). */
  plainTextBytes: Buffer | null;
  /** The original document (PDF, or a Word/other file for a text source), if any. */
  original: { fileName: string; data: Buffer } | null;
  description: string;
  creatingUser: string | null;
  created: string | null;
  selections: RefiSelection[];
  noteGuids: string[];
  variables: Array<{ variableGuid: string; value: RefiValue }>;
}

export interface RefiNote {
  guid: string;
  name: string;
  text: string;
  creatingUser: string | null;
  created: string | null;
  /** The passage of its source the note is about (QualCoder's annotations), in code points; absent for a note on a whole subject. */
  passage?: { start: number; end: number } | null;
}

export interface RefiCase {
  guid: string;
  name: string;
  sourceGuids: string[];
  noteGuids: string[];
}

export interface RefiSet {
  guid: string;
  name: string;
  sourceGuids: string[];
  codeGuids: string[];
}

export interface RefiProject {
  name: string;
  origin: string | null;
  created: string | null;
  users: RefiUser[];
  codes: RefiCode[];
  variables: RefiVariable[];
  cases: RefiCase[];
  sources: RefiSource[];
  notes: RefiNote[];
  sets: RefiSet[];
  description: string;
}

/** Every code of a code tree, parents before children, with its parent's guid. */
export function flattenCodes(codes: RefiCode[], parentGuid: string | null = null): Array<RefiCode & { parentGuid: string | null; path: string[] }> {
  const out: Array<RefiCode & { parentGuid: string | null; path: string[] }> = [];
  const visit = (list: RefiCode[], parent: string | null, path: string[]) => {
    for (const code of list) {
      const own = [...path, code.name];
      out.push({ ...code, parentGuid: parent, path: own });
      visit(code.children, code.guid, own);
    }
  };
  visit(codes, parentGuid, []);
  return out;
}
