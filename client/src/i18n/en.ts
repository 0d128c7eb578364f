import { commonEn } from '../common/i18n/messages';
import type { MessageKey } from './de';

/** English: the type makes a missing key a compile error; the unit test checks placeholders. */
export const en: Record<MessageKey, string> = {
  ...commonEn,
  'app.name': 'Online counselling',
  'app.tagline': 'Anonymous. Secure. Confidential.',
  'app.footer': 'Online counselling for people seeking help – your messages are end-to-end encrypted.',
  'nav.start': 'Start',
  'nav.register': 'Register',
  'nav.login': 'Log in',
  'nav.account': 'My account',

  'start.title': 'Online counselling',
  'start.lead':
    'Get advice online from a counselling centre – on topics such as addiction, debt or housing emergencies. Write to us about what is on your mind.',
  'start.point.anonymous.title': 'Anonymous',
  'start.point.anonymous.text':
    'You need neither your real name nor an email address. A user name of your choice is enough.',
  'start.point.encrypted.title': 'Encrypted',
  'start.point.encrypted.text':
    'Your messages are encrypted on your own device. Only you and your counselling centre can read them – not even we, who run this service.',
  'start.point.pace.title': 'At your own pace',
  'start.point.pace.text': 'Write whenever it suits you. Your counsellor answers as soon as possible.',
  'start.register': 'Register now',
  'start.login': 'I already have an account',
  'start.deleted': 'Your account and all your data have been deleted.',
  'start.loggedIn': 'You are logged in as {name}.',
  'start.toAccount': 'Go to my account',

  'register.title': 'Register',
  'register.intro':
    'All you need for online counselling is a user name and a password. Please do not use your real name.',
  'register.pseudonym': 'User name',
  'register.pseudonym.hint':
    'A made-up name with 3 to 40 characters, e.g. “Sunflower27”. Not your real name.',
  'register.pseudonym.too_small': 'The user name must be at least 3 characters long.',
  'register.pseudonym.too_big': 'The user name must be at most 40 characters long.',
  'register.pseudonym.invalid':
    'Please use only letters, digits, spaces, dots, dashes and underscores, starting with a letter or digit.',
  'register.pseudonym.email': 'Please do not use an email address as your user name.',
  'register.pseudonym.taken': 'This user name is already taken. Please choose another one.',
  'register.password': 'Password',
  'register.password.hint': 'At least 10 characters. We cannot see your password and cannot reset it.',
  'register.email': 'Email address',
  'register.email.hint':
    'Only if you want to be notified when a reply arrives. The message itself is never in the email. You can use online counselling without an email address.',
  'register.email.invalid': 'Please enter a valid email address or leave the field empty.',
  'register.recovery': 'Create a recovery code',
  'register.recovery.hint': 'With this code you can set a new password if you forget yours. We recommend it.',
  'register.recovery.withoutTitle': 'No code, no new password',
  'register.recovery.without':
    'Without a recovery code, a forgotten password means you have to create a new account, and your previous messages can no longer be read.',
  'register.submit': 'Register',
  'register.haveAccount': 'Already have an account?',
  'register.working': 'Your keys are being created on this device. This takes a moment.',

  'recoveryCode.title': 'Your recovery code',
  'recoveryCode.warningTitle': 'Write it down now – this code is shown only this once',
  'recoveryCode.warning':
    'Write the code down or keep it in a safe place. We cannot show it to you again. Without this code, a forgotten password means a new account – your previous messages would be lost.',
  'recoveryCode.label': 'Recovery code',
  'recoveryCode.confirm': 'I have written down the recovery code and kept it safe.',
  'recoveryCode.confirmMissing': 'Please confirm that you have written down the code.',
  'recoveryCode.continue': 'Continue',
  'register.done': 'Your account is ready. Welcome!',

  'login.title': 'Log in',
  'login.pseudonym': 'User name',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.wrong': 'User name or password is wrong.',
  'login.forgot': 'Forgot your password?',
  'login.noAccount': 'No account yet?',
  'login.staff':
    'Do you work at a counselling centre? Please log in to the counselling centre administration.',

  'recover.title': 'Forgot password',
  'recover.intro': 'With your recovery code you can set a new password. Your messages stay readable.',
  'recover.noCode.title': 'No recovery code?',
  'recover.noCode':
    'Then your account cannot be restored, sorry – we cannot decrypt your messages either. You can create a new account.',
  'recover.pseudonym': 'User name',
  'recover.code': 'Recovery code',
  'recover.code.hint': 'Upper or lower case, spaces and dashes do not matter.',
  'recover.newPassword': 'New password',
  'recover.submit': 'Set new password',
  'recover.wrong': 'User name or recovery code is wrong.',
  'recover.done': 'Your new password has been saved. You are now logged in.',

  'account.title': 'My account',
  'account.pseudonym': 'User name',
  'account.email': 'Email address for notifications',
  'account.noEmail': 'none',
  'account.sessionTitle': 'Log out',
  'account.logout': 'Log out',
  'account.logoutEverywhere': 'Log out on all devices',
  'account.logoutEverywhere.hint':
    'Also ends logins on other devices, e.g. if you used someone else’s device.',
  'account.passwordTitle': 'Change password',
  'account.currentPassword': 'Current password',
  'account.newPassword': 'New password',
  'account.changePassword': 'Change password',
  'account.passwordChanged': 'Your password has been changed.',
  'account.wrongPassword': 'The current password is wrong.',
  'account.deleteTitle': 'Delete account',
  'account.delete.intro':
    'This deletes your account and all your data for good, including all messages. It cannot be undone.',
  'account.delete.password': 'Password to confirm',
  'account.delete.confirm': 'I want to delete my account and all my data for good.',
  'account.delete.confirmMissing': 'Please confirm that you want to delete your account.',
  'account.delete.submit': 'Delete account',
  'account.delete.wrong': 'The password is wrong.',
  'account.loggedOut': 'You have been logged out.',
  'account.needLogin': 'Please log in to see your account.',
  'account.staffHere':
    'You are logged in with a counselling centre account. Please use the counselling centre administration.',

  'notFound.title': 'Page not found',
  'notFound.text': 'This page does not exist.',
  'notFound.back': 'Back to the start page',
};
