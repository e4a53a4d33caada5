/** One code with its sub-codes: swatch, name, kind, definition and the actions on it. */
import { useState } from 'react';
import { reportError } from '../ui/toast-store';
import { nl } from '../text/nl';
import { CodeActions } from './CodeActions';
import { CodeColor } from './CodeColor';
import { CodeName } from './CodeName';
import { DefinitionEditor } from './DefinitionEditor';
import type { CodeNode } from './code-tree';
import { useFramework } from './framework-store';

export function CodeTreeNode({ node }: { node: CodeNode }) {
  const { code } = node;
  const [editingDefinition, setEditingDefinition] = useState(false);
  const update = useFramework((store) => store.update);

  return (
    <li className="code-tree-item">
      <div className={`code-node kind-${code.kind}`} data-testid="code-node" data-code-id={code.id} data-code-key={code.key}>
        <CodeColor code={code} />
        <div className="code-main">
          <div className="code-title-row">
            <CodeName code={code} />
            <span className="code-kind">{nl.framework.kinds[code.kind]}</span>
          </div>
          {editingDefinition ? (
            <DefinitionEditor
              code={code}
              onDone={(definition) => {
                setEditingDefinition(false);
                if (definition !== null && definition !== code.definition) update({ id: code.id, definition }).catch(reportError);
              }}
            />
          ) : (
            code.definition && <p className="code-definition">{code.definition}</p>
          )}
        </div>
        <CodeActions code={code} onEditDefinition={() => setEditingDefinition(true)} />
      </div>
      {node.children.length > 0 && (
        <ul className="code-children">
          {node.children.map((child) => (
            <CodeTreeNode key={child.code.id} node={child} />
          ))}
        </ul>
      )}
    </li>
  );
}
