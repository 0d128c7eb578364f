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
  'chat.system.callProposed.me': 'You proposed a video or audio call.',
  'chat.system.callProposed': 'A video or audio call was proposed.',
  'chat.system.callStarted': 'The call has started.',
  'chat.system.callDeclined': '{name} declined the proposed call.',
  'chat.system.callEnded': 'The call has ended.',
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

  'nav.chatSettings': 'Chat settings',

  'chat.settings.title': 'Chat settings',
  'chat.absence.title': 'Absence',
  'chat.absence.intro':
    'If you cannot reply for a while (holiday, illness), mark yourself as absent. The help seekers of your ongoing consultations then see a notice and your note – in all your centres. They can still write to you.',
  'chat.absence.statusAbsent': 'You are currently marked as absent.',
  'chat.absence.statusPresent': 'You are currently marked as present.',
  'chat.absence.absent': 'I am absent',
  'chat.absence.absentHint': 'Untick and save as soon as you are back.',
  'chat.absence.message': 'Note for help seekers',
  'chat.absence.messageHint':
    'For example, when you will be back and whom to contact in urgent cases. The note is not encrypted and the same for all your help seekers: do not write anything confidential in it.',
  'chat.absence.count': '{count} of {max} characters',
  'chat.absence.tooLong': 'The note is too long: at most {max} characters. Please shorten it.',
  'chat.absence.save': 'Save absence',
  'chat.absence.savedAbsent': 'Saved: you are marked as absent.',
  'chat.absence.savedPresent': 'Saved: you are marked as present again.',
  'chat.absence.activeTitle': 'You are marked as absent',
  'chat.absence.activeText': '{name} sees a notice of your absence and your note.',
  'chat.absence.activeListText':
    'The help seekers of your ongoing consultations see a notice of your absence and your note.',
  'chat.absence.change': 'Change absence',
  'chat.settings.centerTitle': 'Online counselling of {center}',
  'chat.settings.digest': 'Digest mail about new inquiries',
  'chat.settings.digest.none': 'no mails',
  'chat.settings.digest.every': 'at most every {minutes} minutes',
  'chat.settings.retention': 'Retention of archived consultations',
  'chat.settings.retention.days': '{days} days',
  'chat.settings.retention.oneDay': '1 day',
  'chat.settings.adminOnly': 'Only the centre management can change these settings.',
  'chat.settings.digestLabel': 'Interval of digest mails about new inquiries (in minutes)',
  'chat.settings.digestHint':
    'While new inquiries wait, the counsellors of {center} get at most one mail per interval that only says inquiries are waiting – without content. 0 means: no mails. Allowed are {min} to {max} minutes (one week).',
  'chat.settings.retentionLabel': 'Retention of archived consultations (in days)',
  'chat.settings.retentionHint':
    'This many days after archiving, a consultation with all its messages and files is deleted for good. Allowed are {min} to {max} days.',
  'chat.settings.digest.invalid': 'Please enter a whole number from {min} to {max} minutes.',
  'chat.settings.retention.invalid': 'Please enter a whole number from {min} to {max} days.',
  'chat.settings.problems': 'Please check the marked fields ({count}).',
  'chat.settings.save': 'Save settings',
  'chat.settings.saved': 'The chat settings are saved.',

  'chat.transfer.open': 'Hand over to another centre',
  'chat.transfer.title': 'Hand the consultation with {name} over to another centre',
  'chat.transfer.intro':
    'Choose a centre with online counselling that can help {name} better. After the move its team can read the whole conversation; you no longer have access.',
  'chat.transfer.consent':
    'The consultation only moves if {name} agrees in the chat. Until then you keep counselling; if {name} declines, everything stays as it is.',
  'chat.transfer.search': 'Search for a centre',
  'chat.transfer.searchHint': 'Name, place or topic, for example “Schuldnerberatung Köln”.',
  'chat.transfer.searchButton': 'Search',
  'chat.transfer.none': 'No other centre with online counselling found.',
  'chat.transfer.one': 'One centre with online counselling found.',
  'chat.transfer.many': '{count} centres with online counselling found.',
  'chat.transfer.center': 'Centre',
  'chat.transfer.choose': 'Please choose',
  'chat.transfer.option': '{name} ({city})',
  'chat.transfer.missing': 'Please choose a centre.',
  'chat.transfer.confirm': 'Propose the move',
  'chat.transfer.pending': 'Move to {center} proposed',
  'chat.transfer.pendingText':
    '{name} decides in the chat whether the consultation moves there. Until then you keep counselling.',
  'chat.transfer.otherCenter': 'another centre',
  'chat.readOnly.transferred': '{name} has moved to another centre.',
  'chat.readOnly.transferredText':
    'The consultation is now with the other centre. You no longer have access to it.',
  'chat.error.sameCenter':
    'This is your own centre. Within the centre, hand the consultation over to a colleague.',
  'chat.error.transferTarget':
    'This centre cannot take over encrypted consultations yet. Please choose another one.',
  'chat.call.actions': 'Talk by video or audio',
  'chat.call.proposeVideo': 'Propose a video call',
  'chat.call.proposeAudio': 'Propose an audio call',
  'chat.call.proposed': 'You proposed a {kind} to {name}.',
  'chat.call.proposedText':
    '{name} now sees what will happen and decides. The call only starts once they agree.',
  'chat.call.withdraw': 'Withdraw the proposal',
  'chat.call.error.CALL_IN_PROGRESS': 'A call is already proposed or running in this consultation.',
  'chat.call.error.CONVERSATION_NOT_ACTIVE': 'Calls are possible in an active consultation only.',
  'chat.call.error.MEDIA_UNAVAILABLE':
    'The call service cannot be reached right now. Please try later; the chat goes on.',
};
