/** How far the team is, under the source list: per inspector and per institution, over the listed sources. */
import { useMemo } from 'react';
import { inspectorLabel } from '../study/initials';
import { selectInspectors, selectInstitutions, useSession } from '../study/session-store';
import { nl } from '../text/nl';
import { progressLines, type ProgressLine } from './source-arrange';
import { useSources } from './sources-store';

export function SourceProgressPanel() {
  const sources = useSources((store) => store.sources);
  const statuses = useSources((store) => store.progress?.statuses);
  const inspectors = useSession(selectInspectors);
  const institutions = useSession(selectInstitutions);
  const lines = useMemo(() => progressLines(sources, statuses ?? [], inspectors, institutions), [sources, statuses, inspectors, institutions]);
  const inspectorName = (id: string) => {
    const inspector = inspectors.find((candidate) => candidate.id === id);
    return inspector ? inspectorLabel(inspector) : id;
  };
  const institutionName = (id: string) => institutions.find((candidate) => candidate.id === id)?.name ?? nl.sources.unknownInstitution;
  return (
    <details className="source-progress" data-testid="source-progress">
      <summary>{nl.codingDay.progressHeading}</summary>
      <p className="muted">{nl.codingDay.progressNote}</p>
      <ProgressList title={nl.codingDay.progressInspectors} lines={lines.byInspector} name={inspectorName} testId="progress-inspector" />
      <ProgressList
        title={nl.codingDay.progressInstitutions}
        lines={lines.byInstitution.filter((line) => line.total > 0)}
        name={institutionName}
        testId="progress-institution"
      />
    </details>
  );
}

function ProgressList({ title, lines, name, testId }: { title: string; lines: ProgressLine[]; name: (id: string) => string; testId: string }) {
  return (
    <section>
      <h3>{title}</h3>
      <ul>
        {lines.map((line) => (
          <li key={line.id} data-testid={testId} data-id={line.id}>
            <span className="truncate">{name(line.id)}</span>
            <meter min={0} max={Math.max(1, line.total)} value={line.klaar} aria-label={`${name(line.id)}: ${nl.codingDay.progressLine(line.klaar, line.bezig, line.total)}`} />
            <span className="muted">{nl.codingDay.progressLine(line.klaar, line.bezig, line.total)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
