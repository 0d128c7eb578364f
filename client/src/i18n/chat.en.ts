import type { chatDe } from './chat.de';

/** English texts of the help seeker's online counseling; see chat.de.ts. */
export const chatEn: Record<keyof typeof chatDe, string> = {
  'nav.chats': 'My counselling',
  'nav.chatsUnread': 'My counselling ({count} new)',

  'start.chat.title': 'Get counselling online right away',
  'start.chat.text':
    'Write to a counselling centre near you – anonymously and end-to-end encrypted. All you need is a user name of your choice.',
  'start.chat.link': 'Start online counselling',
  'start.toChats': 'Go to my counselling',

  'chat.login.title': 'Log in to write',
  'chat.login.text':
    'So that your counselling centre can answer you, you need an account. A user name of your choice and a password are enough.',
  'chat.login.anonymous':
    'You stay anonymous: we need neither your real name nor your email address. After logging in you continue here.',
  'chat.login.register': 'Register',
  'chat.login.login': 'Log in',
  'chat.unlock.title': 'Unlock your messages',
  'chat.unlock.intro':
    'Your messages are encrypted. After reloading the page we need your password once more to make them readable on this device. It does not leave your device.',
  'chat.unlock.password': 'Password',
  'chat.unlock.submit': 'Unlock',
  'chat.unlock.wrong': 'The password is wrong.',

  'chat.field.hint': 'Write in your own words what is on your mind.',
  'chat.field.placeholder': 'Tell us what is on your mind.',
  'chat.field.counter': '{used} of {max} bytes',
  'chat.field.tooLong':
    'The message is too long. Please shorten it or split it into several messages (accented letters and emoji count double or more).',
  'chat.field.empty': 'Please write a message.',

  'inquiry.title': 'Start online counselling',
  'inquiry.lead':
    'Write to a counselling centre about what is on your mind. A counsellor answers as soon as possible – anonymously and encrypted.',
  'inquiry.formTitle': 'Your message to the counselling centre',
  'inquiry.topic': 'Topic',
  'inquiry.topic.hint': 'So that your message reaches the right counsellor.',
  'inquiry.topic.choose': 'Please choose',
  'inquiry.topic.general': '{topic} – general',
  'inquiry.topic.missing': 'Please choose a topic.',
  'inquiry.postalCode': 'Postal code',
  'inquiry.postalCode.hint': 'Five digits, e.g. 40210. This is how we find a counselling centre near you.',
  'inquiry.postalCode.missing': 'Please enter your postal code.',
  'inquiry.postalCode.invalid': 'A postal code has five digits, e.g. 40210.',
  'inquiry.route.loading': 'Looking for a counselling centre …',
  'inquiry.route.goesTo': 'Your message goes to:',
  'inquiry.route.fallbackTitle': 'No counselling centre near you',
  'inquiry.route.fallback':
    'No counselling centre offers online counselling on this topic for your postal code. Your message therefore goes to {center}, which counsels nationwide.',
  'inquiry.route.noneTitle': 'No counselling centre found',
  'inquiry.route.none':
    'Unfortunately we found no counselling centre with online counselling for this topic and postal code.',
  'inquiry.route.toFinder': 'Search for counselling centres with online counselling',
  'inquiry.text': 'Your message',
  'inquiry.anonymous.title': 'Anonymous and encrypted:',
  'inquiry.anonymous.text':
    'The counselling centre only sees your user name “{name}”. Your message is encrypted on your device – only you and the counselling centre can read it, not even we, who run this service.',
  'inquiry.submit': 'Send message',
  'inquiry.noOnline.title': 'No online counselling',
  'inquiry.noOnline.text': '{center} does not offer online counselling.',
  'inquiry.noOnline.link': 'Find a counselling centre by your postal code',
  'inquiry.error.noTeamKey':
    'This counselling centre cannot receive encrypted messages yet. Please try again later or choose another centre.',
  'inquiry.error.noOnline': 'This counselling centre does not offer online counselling.',
  'inquiry.error.limit':
    'You have already started several new conversations today. Please continue in one of your existing conversations.',
  'inquiry.error.stale': 'The counselling centre has just renewed its key. Please send your message again.',
  'inquiry.error.trust':
    'The key of this counselling centre could not be confirmed. For your security nothing was sent. Please contact support.',

  'chats.title': 'My counselling',
  'chats.new': 'Start new online counselling',
  'chats.empty': 'You have not started any online counselling yet.',
  'chats.listLabel': 'Your conversations, newest first',
  'chats.unread': '{count} new',
  'chats.counselor': 'Counsellor: {name}',
  'chats.lastActivity': 'Last activity:',
  'chats.status.waiting': 'Looking for a counsellor',
  'chats.status.active': 'In counselling',
  'chats.status.archived': 'Archived',

  'chat.title': 'Your online counselling',
  'chat.back': 'Back to my counselling',
  'chat.notFound': 'This conversation does not exist (any more).',
  'chat.deleted': 'This conversation has been deleted.',
  'chat.connecting': 'Connecting …',
  'chat.offline.title': 'Connection lost',
  'chat.offline.text': 'We reconnect you automatically. Messages that arrive meanwhile are not lost.',
  'chat.reconnected': 'Connection restored.',
  'chat.problem.title': 'Not everything could be loaded',
  'chat.problem.sync': 'New messages could not be fetched. Please reload the page.',
  'chat.problem.rekey':
    'The key of this conversation could not be renewed. Please reload the page before you write on.',
  'chat.absent.title': '{name} is away at the moment',
  'chat.absent.text':
    'You can still write. Your message waits, securely encrypted, until your counsellor is back.',
  'chat.transfer.title': 'Move to another counselling centre?',
  'chat.transfer.text': 'Your counsellor suggests moving your conversation to {center}.',
  'chat.transfer.otherCenter': 'another counselling centre',
  'chat.transfer.consequences':
    'If you agree, the new counselling centre can read your previous messages and takes over your counselling; your current counsellor is then no longer part of it. You stay anonymous. If you decline, everything stays as it is.',
  'chat.transfer.accept': 'Agree',
  'chat.transfer.decline': 'Decline',
  'chat.transfer.stale': 'The other counselling centre has just renewed its key. Please agree once more.',
  'chat.transfer.gone': 'This proposal no longer applies.',
  'chat.waiting.title': 'Looking for a counsellor',
  'chat.waiting.next': 'What happens next:',
  'chat.waiting.done': 'Done:',
  'chat.waiting.step1': 'We have received your message.',
  'chat.waiting.step2': 'Now we are finding a suitable counsellor for you.',
  'chat.waiting.step3': 'Your counsellor will answer as soon as possible.',
  'chat.waiting.leave':
    'You may close this page. Under “My counselling” you see as soon as someone answers you. You stay anonymous.',
  'chat.log.title': 'Messages',
  'chat.log.older': 'Load earlier messages',
  'chat.day.today': 'Today',
  'chat.day.yesterday': 'Yesterday',
  'chat.dayTime': '{day}, {time}',
  'chat.me': 'Me',
  'chat.counselor': 'Counsellor',
  'chat.message.read': 'read',
  'chat.message.delivered': 'delivered',
  'chat.message.undecryptable': 'This message could not be decrypted. It may have been altered on the way.',
  'chat.message.attachment': 'File: {name} ({size})',
  'chat.message.noKey': 'This message cannot be read on this device: the key is missing.',
  'chat.event.taken': 'A counsellor has taken over your inquiry.',
  'chat.event.handed_over': 'Your conversation has been handed over to another counsellor.',
  'chat.event.archived': 'The conversation has been archived. If you write again, it is reopened.',
  'chat.event.reopened': 'The conversation has been reopened.',
  'chat.event.counselor_left':
    'Your counsellor has left the counselling centre. The centre continues to take care of you.',
  'chat.event.rekeyed':
    'The key of this conversation has been renewed. Whoever left the counselling centre cannot read new messages.',
  'chat.event.transfer_proposed':
    'Your counsellor suggests moving your conversation to another counselling centre. You decide whether to agree.',
  'chat.event.transfer_declined': 'The move to another counselling centre was declined.',
  'chat.event.transferred': 'Your conversation has been moved to another counselling centre.',
  'chat.event.call_proposed': 'Your counsellor suggests an audio or video call.',
  'chat.event.call_started': 'The call has started.',
  'chat.event.call_declined': 'The suggested call was declined.',
  'chat.event.call_ended': 'The call has ended.',
  'chat.event.unknown': 'The state of the conversation has changed.',
  'chat.typing': '{name} is typing …',
  'chat.announce': 'New message from {name}: {text}',
  'chat.compose.label': 'Your message',
  'chat.compose.hint': 'Enter sends the message, Shift and Enter starts a new line.',
  'chat.compose.send': 'Send',
  'chat.compose.archived':
    'This conversation is archived. If you write, it is reopened and your counselling centre is notified.',
  'chat.send.offlineTitle': 'No connection',
  'chat.send.offline':
    'Your message was not sent; it is still in the input field. Please send it once the connection is back.',
  'chat.send.rekey': 'The key of this conversation has just been renewed. Please send your message again.',
  'chat.send.noKey': 'The key of this conversation is missing on this device. Please reload the page.',
  'chat.send.gone': 'This conversation no longer exists.',
  'chat.fingerprint.title': 'Safety number',
  'chat.fingerprint.why':
    'With the safety number you can check that nobody but you and your counsellor can read your messages.',
  'chat.fingerprint.show': 'Compare safety number',
  'chat.fingerprint.hide': 'Hide safety number',
  'chat.fingerprint.how':
    'Compare these 40 digits with your counsellor, for example by phone or at an appointment. If they match, your conversation is securely encrypted.',
  'chat.fingerprint.mismatch':
    'If the digits do not match, please write nothing confidential any more and contact your counselling centre another way.',
  'chat.delete.title': 'Delete conversation',
  'chat.delete.intro':
    'You can delete this conversation at any time. All messages are then deleted for you and for the counselling centre.',
  'chat.delete.button': 'Delete conversation',
  'chat.delete.confirmTitle': 'Delete the conversation for good?',
  'chat.delete.confirmText':
    'All messages of this conversation will be deleted for you and for the counselling centre. This cannot be undone.',
  'chat.delete.confirm': 'Delete for good',
  'chat.delete.done': 'The conversation has been deleted.',

  'chat.file.download': 'Download',
  'chat.file.loading': 'Decrypting …',
  'chat.file.save': 'Save {name}',
  'chat.file.failed': 'The file could not be loaded or decrypted. Please try again.',
  'chat.file.label': 'Choose a file',
  'chat.file.hint':
    'PDF files, images (JPG, PNG, GIF, WebP) and office documents (Word, Excel, PowerPoint, OpenDocument) up to 10 MB. The file is encrypted on your device before it is sent.',
  'chat.file.send': 'Send file',
  'chat.file.sent': 'The file “{name}” was sent encrypted.',
  'chat.file.missing': 'Please choose a file first.',
  'chat.file.empty': 'This file is empty. Please choose another one.',
  'chat.file.type':
    'This file cannot be sent. Allowed are PDF files, images and office documents whose content matches the file extension.',
  'chat.file.tooLarge': 'The file is too large: at most 10 MB. Please choose a smaller file.',
  'chat.file.quota':
    'You have already sent as many files today as are possible in one day. Please send more files tomorrow – you can keep writing messages.',
  'chat.file.offline': 'The file was not sent. Please send it as soon as the connection is back.',
  'chat.call.consent.title': '{name} proposes a {kind}',
  'chat.call.consent.intro': 'This is what happens if you agree:',
  'chat.call.consent.who': 'You talk to {name} of {center} – nobody else.',
  'chat.call.consent.video':
    'Your camera and microphone are turned on. You can turn either off at any time during the call.',
  'chat.call.consent.audio': 'Only your microphone is turned on; your camera stays off.',
  'chat.call.consent.recording': 'Nothing is recorded.',
  'chat.call.consent.privacy':
    'Picture and sound are end-to-end encrypted and pass through our relay server: {name} does not learn your IP address, and the server can neither see nor hear anything.',
  'chat.call.consent.end': 'You can end the call at any time. The chat goes on – also if you decline.',
  'chat.call.consent.accept': 'Agree and join',
  'chat.call.consent.decline': 'Decline',
  'chat.call.consent.later': 'Decide later',
  'chat.call.pending': '{name} proposes a {kind}.',
  'chat.call.answer': 'See the proposal',
};
