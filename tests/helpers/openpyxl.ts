/** Reading workbooks back with openpyxl, an independent reader (Debian's python3-openpyxl). */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's python3 carries python3-openpyxl; a pyenv python3 earlier on PATH usually lacks it. */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

export interface SheetDump {
  title: string;
  freeze: string | null;
  filter: string | null;
  rows: Array<Array<{ type: string; format: string; value: string | number | boolean | null }>>;
}

/** openpyxl's view of a workbook: per sheet the frozen pane, the filter and every cell's Python type and value. */
export function readWithOpenpyxl(path: string): SheetDump[] {
  const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    rows = []
    for row in ws.iter_rows():
        rows.append([{"type": type(c.value).__name__, "format": c.number_format, "value": c.value.isoformat() if hasattr(c.value, "isoformat") else c.value} for c in row])
    out.append({"title": ws.title, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref, "rows": rows})
print(json.dumps(out))
`;
  const result = spawnSync(PYTHON, ['-c', script, path], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as SheetDump[];
}

/** The index of a header in a sheet's first row (-1 when absent). */
export const column = (sheet: SheetDump, header: string) => sheet.rows[0]!.findIndex((cell) => cell.value === header);
