/**
 * The flat list of codes as a tree, and the moves the editor offers expressed
 * as `code.move` arguments (parent and index among the other siblings).
 */
import type { Code } from '../../shared/api/types';

export interface CodeNode {
  code: Code;
  depth: number;
  children: CodeNode[];
}

export interface CodeMove {
  parentId: string | null;
  index: number;
}

export function buildCodeTree(codes: readonly Code[]): CodeNode[] {
  const build = (parentId: string | null, depth: number): CodeNode[] =>
    childrenOf(codes, parentId).map((code) => ({ code, depth, children: build(code.id, depth + 1) }));
  return build(null, 0);
}

export function childrenOf(codes: readonly Code[], parentId: string | null): Code[] {
  return codes.filter((code) => code.parentId === parentId).sort((a, b) => a.sortOrder - b.sortOrder);
}

function siblingPosition(codes: readonly Code[], code: Code) {
  const siblings = childrenOf(codes, code.parentId);
  return { siblings, index: siblings.findIndex((sibling) => sibling.id === code.id) };
}

export function moveUp(codes: readonly Code[], code: Code): CodeMove | null {
  const { index } = siblingPosition(codes, code);
  return index > 0 ? { parentId: code.parentId, index: index - 1 } : null;
}

export function moveDown(codes: readonly Code[], code: Code): CodeMove | null {
  const { siblings, index } = siblingPosition(codes, code);
  return index >= 0 && index < siblings.length - 1 ? { parentId: code.parentId, index: index + 1 } : null;
}

/** Nest under the previous sibling, as its last child. */
export function indent(codes: readonly Code[], code: Code): CodeMove | null {
  const { siblings, index } = siblingPosition(codes, code);
  const previous = index > 0 ? siblings[index - 1] : undefined;
  return previous ? { parentId: previous.id, index: childrenOf(codes, previous.id).length } : null;
}

/** Move to the parent's level, right after the parent. */
export function outdent(codes: readonly Code[], code: Code): CodeMove | null {
  const parent = codes.find((candidate) => candidate.id === code.parentId);
  if (!parent) return null;
  return { parentId: parent.parentId, index: siblingPosition(codes, parent).index + 1 };
}
