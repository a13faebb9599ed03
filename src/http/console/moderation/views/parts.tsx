import type { Organization } from '../../../../domain/declaration/organizations.ts';
import { defaultTitle } from '../../../../i18n/declaration-title.ts';
import type { Locale } from '../../../../i18n/index.ts';
import { FEEDBACK_MAX_LENGTH } from '../../../../services/moderation/decisions.ts';
import type { QueueItem } from '../../../../services/moderation/queue.ts';
import { isNamedChannel, type ModerationMessages } from '../messages.ts';

/** The declarant's title, or the default one, dimmed: a moderator sees that the declarant wrote none. */
export function ShownTitle(props: { item: { title: string | null; orgs: readonly Organization[] }; locale: Locale }) {
  const { item, locale } = props;
  return item.title ?? <span class="hint">{defaultTitle(item.orgs, locale)}</span>;
}

/** The duplicate and burst signals of a declaration, with how and where it came in. */
export function Signals({ item, m }: { item: QueueItem; m: ModerationMessages }) {
  const flags = [
    // The badge leads to the list of the declarations it counts, each with its "mark as duplicate" button.
    item.likelyDuplicates > 0 ? (
      <a href={`/console/moderation/${item.registrationNumber}#suspected-originals`}>{m.signals.duplicates(item.likelyDuplicates)}</a>
    ) : null,
    item.burstFlagged ? m.signals.burst(item.burst) : null,
    item.sameTextFlagged ? m.signals.sameText(item.sameText) : null,
  ].filter((flag) => flag !== null);
  return (
    <>
      {flags.length === 0 ? <span class="none">{m.signals.none}</span> : flags.map((flag) => <strong class="error">⚠ {flag} </strong>)}
      <br />
      {m.admissions[item.admission]} · {isNamedChannel(item.channel) ? m.channels[item.channel] : item.channel}
      {item.callCampaign !== null && (
        <>
          {' · '}
          <span class="call">{m.signals.call(item.callCampaign)}</span>
        </>
      )}
    </>
  );
}

/** Optional words to the declarant, sent with an approval or a rejection and read on their receipt. */
export function FeedbackField({ m }: { m: ModerationMessages }) {
  return (
    <div class="field">
      <label for="feedback">{m.feedback}</label>
      <p class="hint" id="feedback-hint">
        {m.feedbackHint}
      </p>
      <textarea id="feedback" name="feedback" rows={2} maxlength={FEEDBACK_MAX_LENGTH} aria-describedby="feedback-hint" />
    </div>
  );
}
