/** What the bot makes of a question, as `wenzheng ask` and the try-a-question API report it. */
export interface Understood {
  /** partial: the subject is covered but not what is asked; elsewhere: about another city's or province's policy (`place` names it). */
  decision: 'answer' | 'clarify' | 'partial' | 'intent' | 'fallback' | 'elsewhere';
  intent: string | null;
  entry: string | null;
  section: string | null;
  score: number;
  candidates: { entry: string; score: number }[];
  place: string | null;
  /** With 'partial': the subject asked about, and the entries about it that can be answered. */
  partial?: { subject: string; entries: string[] };
}
