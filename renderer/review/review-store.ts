/** The file-review questions of the study and their answers aggregated per institution. */
import { create } from 'zustand';
import type { CallInput } from '../../shared/api/contract';
import type { ReviewQuestion, ReviewSummary } from '../../shared/api/types';
import { api } from '../api/client';
import { onEntitiesChanged } from '../api/study-changes';

interface ReviewStore {
  questions: ReviewQuestion[];
  questionsLoaded: boolean;
  summaries: ReviewSummary[];
  summariesLoaded: boolean;
  loadQuestions(): Promise<void>;
  loadSummaries(): Promise<void>;
  saveQuestion(input: CallInput<'review.saveQuestion'>): Promise<ReviewQuestion>;
  deleteQuestion(id: string): Promise<void>;
  /** An answer changed somewhere: the summaries are reloaded the next time they show. */
  answersChanged(): void;
  reset(): void;
}

let generation = 0;

export const useReview = create<ReviewStore>()((set, get) => ({
  questions: [],
  questionsLoaded: false,
  summaries: [],
  summariesLoaded: false,
  async loadQuestions() {
    const current = generation;
    const questions = await api['review.questions']({});
    if (current === generation) set({ questions, questionsLoaded: true });
  },
  async loadSummaries() {
    const current = generation;
    const summaries = await api['review.summary']({});
    if (current === generation) set({ summaries, summariesLoaded: true });
  },
  async saveQuestion(input) {
    const question = await api['review.saveQuestion'](input);
    await get().loadQuestions();
    set({ summariesLoaded: false });
    return question;
  },
  async deleteQuestion(id) {
    await api['review.deleteQuestion']({ id });
    await get().loadQuestions();
    set({ summariesLoaded: false });
  },
  answersChanged: () => set({ summariesLoaded: false }),
  reset() {
    generation++;
    set({ questions: [], questionsLoaded: false, summaries: [], summariesLoaded: false });
  },
}));

// Answers given or taken back anywhere (this window, an undo, a merge): the summaries reload when next shown.
onEntitiesChanged(['reviewAnswer', 'reviewQuestion', 'source', 'institution'], () => useReview.getState().answersChanged());
onEntitiesChanged(['reviewQuestion'], () => {
  if (useReview.getState().questionsLoaded) useReview.getState().loadQuestions().catch(() => undefined);
});
