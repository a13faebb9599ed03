import { formatRegistrationNumber } from '../../../../domain/declaration/registration-number.ts';
import type { Catalog } from '../../../../i18n/index.ts';
import { DISCARD_REASONS } from '../../../../services/inbox/moves.ts';
import type { ItemDetail } from '../../../../services/inbox/queries.ts';
import { zonedStamp } from '../../../../i18n/zoned-time.ts';
import { ConsoleLayout, CsrfField, ErrorNote, type ConsoleShellProps } from '../../views/console-layout.tsx';
import type { InboxMessages } from '../messages.ts';

type Attachment = ItemDetail['attachments'][number];

/** The batch channel an item's declarations were taken by; a web message has none to suggest. */
const BATCH_CHANNEL: Readonly<Record<ItemDetail['channel'], string>> = {
  email: 'email',
  fax: 'fax',
  voicemail: 'hotline',
  call: 'hotline',
  web: '',
};

/**
 * An attachment shown where it is safe without script: images in <img>, PDFs in a frame, audio with
 * the browser's player. The safety is the response's own `Content-Security-Policy: sandbox` (routes.tsx),
 * which sandboxes the PDF wherever it opens; a `sandbox` attribute on the frame as well makes Chromium
 * refuse to start its PDF viewer, and the volunteer saw an error page instead of the fax. TIFF faxes,
 * which few browsers draw, get the link only.
 */
function AttachmentView({ itemId, attachment, m }: { itemId: number; attachment: Attachment; m: InboxMessages }) {
  const src = `/console/inbox/item/${itemId}/attachment/${attachment.position}`;
  const label = attachment.name ?? `${m.attachments} ${attachment.position}`;
  const type = attachment.mediaType;
  return (
    <figure class="attachment" data-media-type={type}>
      {type.startsWith('image/') && type !== 'image/tiff' && <img src={src} alt={label} />}
      {type === 'application/pdf' && <iframe src={src} title={label} />}
      {type.startsWith('audio/') && (
        // biome-ignore lint/a11y/useMediaCaption: a voicemail's transcript, when the provider sends one, is the item's text above.
        <audio controls preload="none" src={src}>
          <a href={src}>{label}</a>
        </audio>
      )}
      <figcaption>
        <a href={src} target="_blank" rel="noopener noreferrer">
          {label}
        </a>{' '}
        ({m.bytes(attachment.size)}) · {m.openAttachment}
      </figcaption>
    </figure>
  );
}

function Facts({ item, m, timeZone, statusOf }: { item: ItemDetail; m: InboxMessages; timeZone: string; statusOf: Catalog['status'] }) {
  return (
    <dl class="facts" id="facts">
      <dt>{m.statusFilter}</dt>
      <dd id="status">{m.status[item.status]}</dd>
      <dt>{m.received}</dt>
      <dd>
        {m.channel[item.channel]} · {zonedStamp(item.receivedAt, timeZone)}
      </dd>
      {item.sender !== null && (
        <>
          <dt>{m.from}</dt>
          <dd id="sender">{item.sender}</dd>
        </>
      )}
      {item.subject !== null && (
        <>
          <dt>{m.subject}</dt>
          <dd>{item.subject}</dd>
        </>
      )}
      <dt>{m.assignee}</dt>
      <dd id="assignee">{item.assigneeName ?? m.nobody}</dd>
      {item.status === 'snoozed' && item.snoozedUntil !== null && (
        <>
          <dt>{m.snoozedUntil}</dt>
          <dd>{zonedStamp(item.snoozedUntil, timeZone)}</dd>
        </>
      )}
      {item.callOutcome !== null && (
        <>
          <dt>{m.outcome}</dt>
          <dd>{m.outcomes[item.callOutcome]}</dd>
        </>
      )}
      {item.discardReason !== null && (
        <>
          <dt>{m.discardedFor}</dt>
          <dd>{m.reasons[item.discardReason]}</dd>
        </>
      )}
      {item.declarations.length > 0 && (
        <>
          <dt>{m.declarations}</dt>
          <dd id="declarations">
            {m.declarationsCount(item.declarations.length)}
            <ul class="declarations">
              {item.declarations.map((declaration) => (
                <li>
                  {/* Kept on one line on a phone: a number broken in two is misread to a caller. */}
                  {formatRegistrationNumber(declaration.registrationNumber).replaceAll(' ', '\u00a0')} ·{' '}
                  {declaration.names.join(m.nameSeparator)} · {statusOf[declaration.status]}
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
    </dl>
  );
}

/** The moves an open item allows, each a form of its own that works without script. */
function Actions({ item, m, shell }: { item: ItemDetail; m: InboxMessages; shell: ConsoleShellProps }) {
  const open = item.status === 'new' || item.status === 'in_progress' || item.status === 'snoozed';
  const action = (name: string) => `/console/inbox/item/${item.id}/${name}`;
  const csrf = <CsrfField session={shell.session} />;
  return (
    <section class="actions" id="actions">
      {open && (
        <p>
          <a
            href={`/console/batch?from=inbox:${item.id}${BATCH_CHANNEL[item.channel] ? `&channel=${BATCH_CHANNEL[item.channel]}` : ''}`}
            id="convert"
          >
            {m.convert}
          </a>
        </p>
      )}
      {item.status === 'new' && (
        <form method="post" action={action('take')}>
          {csrf}
          <button type="submit">{m.take}</button>
        </form>
      )}
      {(item.status === 'new' || item.status === 'in_progress') && item.assignable.length > 0 && (
        <form method="post" action={action('assign')} class="row">
          {csrf}
          <label>
            {m.assignTo}{' '}
            <select name="member">
              {item.assignable.map((member) => (
                <option value={String(member.id)}>{member.name}</option>
              ))}
            </select>
          </label>
          <button type="submit">{m.assign}</button>
        </form>
      )}
      {item.status === 'snoozed' && (
        <form method="post" action={action('wake')}>
          {csrf}
          <button type="submit">{m.wake}</button>
        </form>
      )}
      {open && (
        <form method="post" action={action('snooze')} class="row">
          {csrf}
          <label>
            {m.snoozeLabel} <input type="datetime-local" name="until" required />
          </label>
          <button type="submit" class="secondary">
            {m.snooze}
          </button>
        </form>
      )}
      {open && (
        <form method="post" action={action('discard')} class="row">
          {csrf}
          <label>
            {m.discardReason} {/* No reason is preselected: discarding is final, so one tap on the button must not do it. */}
            <select name="reason" required>
              <option value="" selected>
                {m.chooseReason}
              </option>
              {DISCARD_REASONS.map((reason) => (
                <option value={reason}>{m.reasons[reason]}</option>
              ))}
            </select>
          </label>
          <button type="submit" class="secondary">
            {m.discard}
          </button>
          <small>{m.discardFinal}</small>
        </form>
      )}
      {item.canReply && (
        <form method="post" action={action('reply')} id="reply">
          {csrf}
          <h2>{m.reply}</h2>
          <p>
            <small>{m.replyHint}</small>
          </p>
          <textarea name="body" rows={6} required maxlength={20000} aria-label={m.reply} />
          <button type="submit">{m.send}</button>
        </form>
      )}
    </section>
  );
}

export function ItemPage(props: {
  shell: ConsoleShellProps;
  m: InboxMessages;
  timeZone: string;
  item: ItemDetail;
  notice: string | undefined;
  error: string | undefined;
}) {
  const { m, item } = props;
  return (
    <ConsoleLayout {...props.shell} title={m.item(item.id)}>
      <p>
        <a href="/console/inbox">{m.backToList}</a>
      </p>
      {props.notice && (
        <p class="notice" role="status" id="notice">
          {props.notice}
        </p>
      )}
      <ErrorNote message={props.error} />
      <Facts item={item} m={m} timeZone={props.timeZone} statusOf={props.shell.t.status} />
      <h2>{m.body}</h2>
      <div class="item-text" id="body">
        {item.body === '' ? m.noBody : item.body}
      </div>
      {(item.attachments.length > 0 || item.droppedAttachments > 0) && <h2>{m.attachments}</h2>}
      {item.droppedAttachments > 0 && <p id="dropped">{m.dropped(item.droppedAttachments)}</p>}
      {item.attachments.map((attachment) => (
        <AttachmentView itemId={item.id} attachment={attachment} m={m} />
      ))}
      <Actions item={item} m={m} shell={props.shell} />
      <p>
        <small>{m.viewedNote}</small>
      </p>
    </ConsoleLayout>
  );
}
