import { mayAnswerInRoom } from '../../../src/channels/wechaty/privacy';

/** The room rule over the decision the engine stored with the turn: a whitelist, private by default. */
describe('what may be answered in a group room', () => {
  it.each([
    [{ decision: 'answer', entry: 'minimum-living-allowance', section: null }],
    [{ decision: 'answer', via: 'follow-up' }],
    [{ decision: 'clarify', score: 0.5, candidates: [] }],
    [{ decision: 'fallback', score: 0.1, candidates: [] }],
    [{ decision: 'menu' }],
    [{ decision: 'unsupported' }],
    [{ decision: 'intent', intent: 'greeting' }],
    [{ decision: 'intent', intent: 'thanks' }],
    [{ decision: 'intent', intent: 'feedback' }],
    [{ decision: 'intent', intent: 'emergency' }],
  ])('public: %j', (decision) => {
    expect(mayAnswerInRoom(decision)).toBe(true);
  });

  it.each([
    // Case status: the member's own disclosure requests and tickets.
    [{ decision: 'intent', intent: 'ticket.status' }],
    [{ decision: 'intent', intent: 'disclosure.status' }],
    // Forms ask for and sum up personal data; submitting returns a tracking number.
    [{ decision: 'intent', intent: 'disclosure.apply', form: 'disclosure' }],
    [{ decision: 'intent', intent: 'hotline.report', form: 'ticket' }],
    [{ decision: 'intake', form: 'ticket' }],
    [{ decision: 'submit', form: 'disclosure' }],
    [{ decision: 'leave', form: 'ticket' }],
    [{ decision: 'leave' }],
    // Hand-off to an operator and an operator holding the thread.
    [{ decision: 'intent', intent: 'human' }],
    [{ decision: 'human', operator: '王' }],
    // Whatever is not known yet stays private, as does a turn without a stored decision.
    [{ decision: 'intent', intent: 'some.new.intent' }],
    [{ decision: 'something-new' }],
    [{}],
    [null],
  ])('private: %j', (decision) => {
    expect(mayAnswerInRoom(decision)).toBe(false);
  });
});
