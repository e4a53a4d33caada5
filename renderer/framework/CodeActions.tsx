/**
 * The buttons on a code row: rename, definition, add sub-code, move up/down,
 * indent/outdent and delete (with an inline confirmation). Always in the tab
 * order; shown faintly until the row is hovered or focused.
 */
import { useState } from 'react';
import type { Code } from '../../shared/api/types';
import { notify, reportError } from '../ui/toast-store';
import { nl } from '../text/nl';
import { Button } from '../ui/Button';
import { childrenOf, indent, moveDown, moveUp, outdent, type CodeMove } from './code-tree';
import { useFramework } from './framework-store';
import { subcodeColor } from './palette';

interface CodeActionsProps {
  code: Code;
  onEditDefinition: () => void;
}

export function CodeActions({ code, onEditDefinition }: CodeActionsProps) {
  const codes = useFramework((store) => store.codes);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const framework = useFramework.getState;

  const move = (target: CodeMove | null) => {
    if (target) framework().move(code.id, target.parentId, target.index).catch(reportError);
  };
  const addSubcode = async () => {
    try {
      const color = subcodeColor(code.color, childrenOf(codes, code.id).length);
      const created = await framework().create({ parentId: code.id, kind: 'subcode', name: nl.framework.newSubcodeName, color });
      framework().setRenaming(created.id);
    } catch (error) {
      reportError(error);
    }
  };
  const remove = async () => {
    setConfirmingDelete(false);
    try {
      await framework().remove(code.id);
      notify(nl.framework.removed(code.name));
    } catch (error) {
      reportError(error);
    }
  };

  if (confirmingDelete) {
    return (
      <div className="code-actions confirming" role="group" aria-label={nl.framework.confirmRemove(code.name)}>
        <span>{nl.framework.confirmRemoveText}</span>
        <button type="button" className="small danger" autoFocus onClick={() => void remove()}>
          {nl.framework.yes}
        </button>
        <button type="button" className="small" onClick={() => setConfirmingDelete(false)}>
          {nl.framework.no}
        </button>
      </div>
    );
  }

  const actions: Array<{ glyph: string; label: string; run: () => void; enabled?: boolean }> = [
    { glyph: '✎', label: nl.framework.rename(code.name), run: () => framework().setRenaming(code.id) },
    { glyph: '¶', label: nl.framework.definition(code.name), run: onEditDefinition },
    { glyph: '+', label: nl.framework.addSub(code.name), run: () => void addSubcode() },
    { glyph: '↑', label: nl.framework.moveUp(code.name), run: () => move(moveUp(codes, code)), enabled: !!moveUp(codes, code) },
    { glyph: '↓', label: nl.framework.moveDown(code.name), run: () => move(moveDown(codes, code)), enabled: !!moveDown(codes, code) },
    { glyph: '→', label: nl.framework.indent(code.name), run: () => move(indent(codes, code)), enabled: !!indent(codes, code) },
    { glyph: '←', label: nl.framework.outdent(code.name), run: () => move(outdent(codes, code)), enabled: !!outdent(codes, code) },
    { glyph: '✕', label: nl.framework.remove(code.name), run: () => setConfirmingDelete(true) },
  ];

  return (
    <div className="code-actions">
      {actions.map((action) => (
        <Button key={action.glyph} className="icon-button small" label={action.label} disabled={action.enabled === false} onClick={action.run}>
          {action.glyph}
        </Button>
      ))}
    </div>
  );
}
