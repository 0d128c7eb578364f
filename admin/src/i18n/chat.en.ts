import type { chatDe } from './chat.de';

/** English texts of the chat pages; the type makes a missing key a compile error. */
export const chatEn: Record<keyof typeof chatDe, string> = {
  'nav.inquiries': 'First inquiries',
  'nav.consultations': 'My consultations',

  'chat.connection.connecting': 'Connecting to the online counselling …',
  'chat.connection.lostTitle': 'No connection',
  'chat.connection.lost':
    'The connection to the server is interrupted. New messages and inquiries appear as soon as it is back – this happens automatically.',

  'chat.inquiries.title': 'First inquiries',
  'chat.inquiries.intro':
    'New inquiries from people seeking help at {center}, oldest first. Whoever takes an inquiry over continues counselling the person; it then disappears from this list for everyone else.',
  'chat.inquiries.none': 'No first inquiries are waiting at the moment.',
  'chat.inquiries.one': 'One first inquiry is waiting.',
  'chat.inquiries.many': '{count} first inquiries are waiting.',
  'chat.inquiries.takeOver': 'Take over',
  'chat.inquiries.takeOverContext': '(inquiry from {name})',
  'chat.waiting.justNow': 'waiting for less than 1 min',
  'chat.waiting.minutes': 'waiting for {minutes} min',
  'chat.waiting.hours': 'waiting for {hours} h',
  'chat.waiting.day': 'waiting for 1 day',
  'chat.waiting.days': 'waiting for {days} days',
  'chat.noKey.title': 'You cannot read this inquiry yet',
  'chat.noKey.text':
    'You do not have your centre’s team key yet. It is handed to you automatically as soon as the app of a colleague or of the centre management is open – there is nothing you need to do. The inquiry then becomes readable here.',

  'chat.consultations.title': 'My consultations',
  'chat.consultations.tabs': 'My consultations',
  'chat.consultations.tab.active': 'People seeking help',
  'chat.consultations.tab.archived': 'Archive',
  'chat.consultations.intro': 'Your ongoing consultations at {center}, most recent activity first.',
  'chat.consultations.empty':
    'You have no ongoing consultations at the moment. New inquiries are under “First inquiries”.',
  'chat.consultations.caption': 'Ongoing consultations: {count}',
  'chat.archive.intro':
    'Your archived consultations at {center}. If a person writes again, the consultation is back under “People seeking help”.',
  'chat.archive.empty': 'Your archive is empty.',
  'chat.archive.caption': 'Archived consultations: {count}',
  'chat.col.seeker': 'Person seeking help',
  'chat.col.topic': 'Topic',
  'chat.col.lastActivity': 'Last activity',
  'chat.col.unread': 'Unread',
  'chat.unread': '{count} new',
  'chat.unread.none': 'none',

  'chat.conversation.title': 'Consultation',
  'chat.conversation.titleWith': 'Consultation with {name}',
  'chat.conversation.back': 'Back to my consultations',
  'chat.conversation.backToArchive': 'Back to the archive',
  'chat.facts.status': 'Status',
  'chat.facts.since': 'Inquiry of',
  'chat.status.waiting': 'waiting to be taken over',
  'chat.status.active': 'ongoing',
  'chat.status.archived': 'archived',
  'chat.actions': 'Actions for this consultation',
  'chat.log.title': 'Messages',
  'chat.log.older': 'Load older messages',
  'chat.log.empty': 'No messages yet.',
  'chat.author.me': 'Me',
  'chat.author.colleague': 'Colleague',
  'chat.delivery.sent': 'Sent',
  'chat.delivery.delivered': 'Delivered',
  'chat.delivery.read': 'Read',
  'chat.message.undecryptable':
    'This message could not be decrypted: it was altered or does not belong to this conversation.',
  'chat.message.noKey': 'You do not have the key for this message.',
  'chat.system.taken.me': 'You took the inquiry over.',
  'chat.system.taken': 'A colleague took the inquiry over.',
  'chat.system.handedOver.me': 'You handed the consultation over to a colleague.',
  'chat.system.handedOver': 'The consultation was handed over to a colleague.',
  'chat.system.archived': 'The consultation was archived.',
  'chat.system.reopened': '{name} wrote again – the consultation is open again.',
  'chat.system.counselorLeft': 'The previous counsellor is no longer a member of the centre.',
  'chat.system.rekeyed': 'The conversation key was renewed.',
  'chat.system.transferProposed.me': 'You proposed handing the consultation on to another centre.',
  'chat.system.transferProposed': 'It was proposed to hand the consultation on to another centre.',
  'chat.system.transferDeclined': '{name} does not want to move to another centre.',
  'chat.system.transferred': '{name} moved the consultation to another centre.',
  'chat.system.unknown': 'An event in the conversation.',
  'chat.typing': '{name} is typing …',
  'chat.readOnly.deleted': '{name} deleted the conversation.',
  'chat.readOnly.waiting': 'This inquiry is waiting under “First inquiries” for someone to take it over.',
  'chat.readOnly.notAssigned':
    'This consultation is no longer assigned to you. You cannot write here any more.',
  'chat.readOnly.archived': 'This consultation is archived.',
  'chat.readOnly.archivedText':
    'You cannot write here any more. If {name} sends a new message, the consultation is reopened automatically and is back under “My consultations”.',

  'chat.composer.label': 'Write a message to {name}',
  'chat.composer.hint': 'Enter sends the message, Shift and Enter start a new line.',
  'chat.composer.bytes': '{bytes} of {max} bytes',
  'chat.composer.send': 'Send',
  'chat.composer.empty': 'Please write a message.',
  'chat.composer.offline':
    'There is no connection at the moment. Please wait until it is back, then send again.',

  'chat.fingerprint.show': 'Show security number',
  'chat.fingerprint.hide': 'Hide security number',
  'chat.fingerprint.intro':
    'The security number is the same on both sides when nobody can read along. If needed, compare it with {name}, for example on the phone.',

  'chat.handOver.open': 'Hand over',
  'chat.handOver.title': 'Hand over the consultation with {name}',
  'chat.handOver.intro':
    'Your colleague can then read the whole conversation and continues the counselling. You yourself will no longer have access.',
  'chat.handOver.colleague': 'To colleague',
  'chat.handOver.choose': 'Please choose',
  'chat.handOver.missing': 'Please choose whom to hand over to.',
  'chat.handOver.noColleagues': 'There is nobody in your centre you could hand over to.',
  'chat.handOver.note': 'Handover note',
  'chat.handOver.noteHint': 'Only your colleague can read the note; the person seeking help does not see it.',
  'chat.handOver.noteTooLong': 'The note is too long. Please shorten it.',
  'chat.handOver.confirm': 'Hand over',
  'chat.handOver.done': 'The consultation with {name} has been handed over to {colleague}.',
  'chat.handOverNote.title': 'Handover note from your colleague',
  'chat.handOverNote.undecryptable': 'The handover note could not be decrypted.',

  'chat.archive.open': 'Archive',
  'chat.archive.title': 'Archive the consultation with {name}?',
  'chat.archive.text':
    'The consultation moves to the archive and becomes read-only. If {name} writes again, it is reopened automatically.',
  'chat.archive.confirm': 'Archive',

  'chat.attachment.file': 'File: {name} ({size})',
  'chat.attachment.download': 'Download',
  'chat.attachment.failed': 'The file could not be loaded or decrypted. Please try again.',
  'chat.attachment.label': 'Choose a file',
  'chat.attachment.hint':
    'PDF files, images and office documents up to 10 MB. The file is encrypted before it is sent.',
  'chat.attachment.missing': 'Please choose a file.',
  'chat.attachment.send': 'Send file',
  'chat.error.attachmentType':
    'This file cannot be sent: PDF files, images and office documents whose content matches the file extension are allowed.',
  'chat.error.attachmentTooLarge': 'The file is too large: at most 10 MB.',
  'chat.error.attachmentQuota':
    'You have reached today’s limit for files. Please send further files tomorrow.',
  'chat.error.alreadyTaken': 'A colleague has already taken this inquiry over.',
  'chat.error.noKey':
    'You do not have the key for this yet. It is handed on automatically as soon as the app of a colleague or of the centre management is open. Please try again then.',
  'chat.error.rekeyPending':
    'The previous counsellor left the centre: the person has to renew the conversation key first. This happens automatically as soon as they open the online counselling.',
  'chat.error.staleKey':
    'The conversation key was just renewed. Please reload the page and send the message again.',
  'chat.error.tooLong':
    'The message is too long: at most 8192 bytes (about 8000 letters without accents). Please split it up.',
  'chat.error.archived':
    'This consultation is archived. You can write again once the person sends a new message.',
  'chat.error.notOnMemberList':
    'This person is not yet on the member list your centre management confirmed. The list is updated automatically as soon as the management’s app is open. Please try again then, or choose someone else.',
  'chat.error.notAColleague': 'Consultations can only be handed over to colleagues of the same centre.',
  'chat.error.notFound': 'This consultation does not exist (any more), or it is not assigned to you.',
};
