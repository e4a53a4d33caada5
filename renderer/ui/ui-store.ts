/** Which view, dialog and side tab show: state of the window, not of the study. */
import { create } from 'zustand';

export type DialogName = 'setup' | 'settings' | 'inspector' | 'report' | 'exchange' | null;
export type SideTab = 'search' | 'framework';
/** The main views under the top bar: coding (three panes), evidence matrix, judgment table, questionnaire, team merge, persons register. */
export type ViewName = 'coding' | 'evidence' | 'judgments' | 'survey' | 'team' | 'persons';
export const VIEWS: readonly ViewName[] = ['coding', 'evidence', 'judgments', 'survey', 'team', 'persons'];

interface UiStore {
  dialog: DialogName;
  sideTab: SideTab;
  view: ViewName;
  /** Bumped to ask the search field to take focus. */
  searchFocusRequest: number;
  openDialog(dialog: DialogName): void;
  closeDialog(): void;
  showSideTab(tab: SideTab): void;
  showView(view: ViewName): void;
  focusSearch(): void;
}

export const useUi = create<UiStore>()((set, get) => ({
  dialog: null,
  sideTab: 'search',
  view: 'coding',
  searchFocusRequest: 0,
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
  showSideTab: (sideTab) => set({ sideTab }),
  showView: (view) => set({ view }),
  // Searching happens in the coding view's side panel, so it comes to the front.
  focusSearch: () => set({ view: 'coding', sideTab: 'search', searchFocusRequest: get().searchFocusRequest + 1 }),
}));
