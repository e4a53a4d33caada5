/** The file-review questions as a folding section under the code tree. */
import { ReviewQuestionEditor } from '../review/ReviewQuestionEditor';
import { useReview } from '../review/review-store';
import { nl } from '../text/nl';

export function ReviewQuestionsSection() {
  const count = useReview((store) => store.questions.length);
  const loaded = useReview((store) => store.questionsLoaded);
  return (
    <details className="review-questions-section" data-testid="review-questions-section">
      <summary>{loaded ? nl.review.editorCount(count) : nl.review.editorHeading}</summary>
      <ReviewQuestionEditor />
    </details>
  );
}
