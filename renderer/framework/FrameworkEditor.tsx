/** The right-hand "Toetsingskader" tab: the code tree and its editing actions. */
import { useMemo } from 'react';
import type { CodeKind } from '../../shared/vocabulary';
import { reportError } from '../ui/toast-store';
import { nl } from '../text/nl';
import './framework.css';
import { CodeTreeNode } from './CodeTreeNode';
import { buildCodeTree, childrenOf } from './code-tree';
import { useFramework } from './framework-store';
import { nextColor } from './palette';
import { ReviewQuestionsSection } from './ReviewQuestionsSection';

export function FrameworkEditor() {
  const codes = useFramework((store) => store.codes);
  const loaded = useFramework((store) => store.loaded);
  const tree = useMemo(() => buildCodeTree(codes), [codes]);

  const addTopLevel = async (kind: CodeKind) => {
    const { create, setRenaming } = useFramework.getState();
    const name = kind === 'norm' ? nl.framework.newNormName : nl.framework.newContextName;
    const topLevel = childrenOf(codes, null);
    const color = nextColor(topLevel.map((code) => code.color));
    try {
      const code = await create({ parentId: null, kind, name, color });
      // A new norm goes after the other norms, above the context codes.
      const normCount = topLevel.filter((other) => other.kind === 'norm').length;
      if (kind === 'norm' && normCount < topLevel.length) await useFramework.getState().move(code.id, null, normCount);
      setRenaming(code.id);
    } catch (error) {
      reportError(error);
    }
  };

  return (
    <div className="framework-editor">
      <div className="framework-toolbar">
        <button type="button" className="small" aria-label={nl.framework.addNormLabel} onClick={() => void addTopLevel('norm')}>
          {nl.framework.addNorm}
        </button>
        <button type="button" className="small" aria-label={nl.framework.addContextLabel} onClick={() => void addTopLevel('context')}>
          {nl.framework.addContext}
        </button>
      </div>
      {loaded && tree.length === 0 ? (
        <p className="pane-empty">{nl.framework.empty}</p>
      ) : (
        <ul className="code-tree" aria-label={nl.framework.label}>
          {tree.map((node) => (
            <CodeTreeNode key={node.code.id} node={node} />
          ))}
        </ul>
      )}
      <ReviewQuestionsSection />
    </div>
  );
}
