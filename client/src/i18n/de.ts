import { commonDe } from '../common/i18n/messages';

/** German, the source language: every key the help-seeker app shows. */
export const de = {
  ...commonDe,
  'app.name': 'Online-Beratung',
  'app.tagline': 'Anonym. Sicher. Vertraulich.',
  'app.footer': 'Online-Beratung für Ratsuchende – Ihre Nachrichten sind Ende-zu-Ende-verschlüsselt.',
  'nav.start': 'Start',
  'nav.register': 'Registrieren',
  'nav.login': 'Anmelden',
  'nav.account': 'Mein Konto',

  'start.title': 'Online-Beratung',
  'start.lead':
    'Hier können Sie sich von einer Beratungsstelle online beraten lassen – zu Themen wie Sucht, Schulden oder Wohnungsnot. Schreiben Sie uns, was Sie bewegt.',
  'start.point.anonymous.title': 'Anonym',
  'start.point.anonymous.text':
    'Sie brauchen keinen echten Namen und keine E-Mail-Adresse. Ein selbst gewählter Benutzername genügt.',
  'start.point.encrypted.title': 'Verschlüsselt',
  'start.point.encrypted.text':
    'Ihre Nachrichten werden schon auf Ihrem Gerät verschlüsselt. Lesen können sie nur Sie und Ihre Beratungsstelle – nicht einmal wir als Betreiber.',
  'start.point.pace.title': 'In Ihrem Tempo',
  'start.point.pace.text':
    'Sie schreiben, wann es Ihnen passt. Ihr:e Berater:in antwortet so schnell wie möglich.',
  'start.register': 'Jetzt registrieren',
  'start.login': 'Ich habe schon ein Konto',
  'start.deleted': 'Ihr Konto und alle Ihre Daten wurden gelöscht.',
  'start.loggedIn': 'Sie sind angemeldet als {name}.',
  'start.toAccount': 'Zu Mein Konto',

  'register.title': 'Registrieren',
  'register.intro':
    'Für die Online-Beratung brauchen Sie nur einen Benutzernamen und ein Passwort. Bitte verwenden Sie nicht Ihren echten Namen.',
  'register.pseudonym': 'Benutzername',
  'register.pseudonym.hint':
    'Ein Fantasiename mit 3 bis 40 Zeichen, z. B. „Sonnenblume27“. Nicht Ihr echter Name.',
  'register.pseudonym.too_small': 'Der Benutzername muss mindestens 3 Zeichen lang sein.',
  'register.pseudonym.too_big': 'Der Benutzername darf höchstens 40 Zeichen lang sein.',
  'register.pseudonym.invalid':
    'Bitte verwenden Sie nur Buchstaben, Ziffern, Leerzeichen, Punkt, Binde- und Unterstrich; am Anfang ein Buchstabe oder eine Ziffer.',
  'register.pseudonym.email': 'Bitte verwenden Sie keine E-Mail-Adresse als Benutzernamen.',
  'register.pseudonym.taken': 'Dieser Benutzername ist schon vergeben. Bitte wählen Sie einen anderen.',
  'register.password': 'Passwort',
  'register.password.hint':
    'Mindestens 10 Zeichen. Wir können Ihr Passwort nicht sehen und nicht zurücksetzen.',
  'register.email': 'E-Mail-Adresse',
  'register.email.hint':
    'Nur, wenn Sie benachrichtigt werden möchten, sobald eine Antwort da ist. Die Nachricht selbst steht nie in der E-Mail. Sie können die Online-Beratung auch ohne E-Mail-Adresse nutzen.',
  'register.email.invalid': 'Bitte geben Sie eine gültige E-Mail-Adresse ein oder lassen Sie das Feld leer.',
  'register.recovery': 'Wiederherstellungscode erstellen',
  'register.recovery.hint':
    'Mit diesem Code können Sie ein neues Passwort festlegen, falls Sie Ihr Passwort vergessen. Wir empfehlen ihn.',
  'register.recovery.withoutTitle': 'Ohne Code kein neues Passwort',
  'register.recovery.without':
    'Ohne Wiederherstellungscode bedeutet ein vergessenes Passwort: Sie müssen ein neues Konto anlegen, und Ihre bisherigen Nachrichten sind nicht mehr lesbar.',
  'register.submit': 'Registrieren',
  'register.haveAccount': 'Sie haben schon ein Konto?',
  'register.working': 'Ihre Schlüssel werden auf diesem Gerät erzeugt. Das dauert einen Moment.',

  'recoveryCode.title': 'Ihr Wiederherstellungscode',
  'recoveryCode.warningTitle': 'Bitte jetzt notieren – der Code wird nur dieses eine Mal angezeigt',
  'recoveryCode.warning':
    'Schreiben Sie den Code auf oder speichern Sie ihn an einem sicheren Ort. Wir können ihn Ihnen nicht erneut zeigen. Ohne diesen Code bedeutet ein vergessenes Passwort ein neues Konto – Ihre bisherigen Nachrichten wären dann verloren.',
  'recoveryCode.label': 'Wiederherstellungscode',
  'recoveryCode.confirm': 'Ich habe den Wiederherstellungscode sicher notiert.',
  'recoveryCode.confirmMissing': 'Bitte bestätigen Sie, dass Sie den Code notiert haben.',
  'recoveryCode.continue': 'Weiter',
  'register.done': 'Ihr Konto ist eingerichtet. Willkommen!',

  'login.title': 'Anmelden',
  'login.pseudonym': 'Benutzername',
  'login.password': 'Passwort',
  'login.submit': 'Anmelden',
  'login.wrong': 'Benutzername oder Passwort ist falsch.',
  'login.forgot': 'Passwort vergessen?',
  'login.noAccount': 'Noch kein Konto?',
  'login.staff':
    'Sie arbeiten in einer Beratungsstelle? Bitte melden Sie sich in der Beratungsstellen-Verwaltung an.',

  'recover.title': 'Passwort vergessen',
  'recover.intro':
    'Mit Ihrem Wiederherstellungscode können Sie ein neues Passwort festlegen. Ihre Nachrichten bleiben lesbar.',
  'recover.noCode.title': 'Kein Wiederherstellungscode?',
  'recover.noCode':
    'Dann können wir Ihr Konto leider nicht wiederherstellen – auch wir können Ihre Nachrichten nicht entschlüsseln. Sie können sich ein neues Konto anlegen.',
  'recover.pseudonym': 'Benutzername',
  'recover.code': 'Wiederherstellungscode',
  'recover.code.hint': 'Groß- und Kleinschreibung, Leerzeichen und Bindestriche spielen keine Rolle.',
  'recover.newPassword': 'Neues Passwort',
  'recover.submit': 'Neues Passwort festlegen',
  'recover.wrong': 'Benutzername oder Wiederherstellungscode ist falsch.',
  'recover.done': 'Ihr neues Passwort ist gespeichert. Sie sind jetzt angemeldet.',

  'account.title': 'Mein Konto',
  'account.pseudonym': 'Benutzername',
  'account.email': 'E-Mail-Adresse für Benachrichtigungen',
  'account.noEmail': 'keine',
  'account.sessionTitle': 'Abmelden',
  'account.logout': 'Abmelden',
  'account.logoutEverywhere': 'Auf allen Geräten abmelden',
  'account.logoutEverywhere.hint':
    'Beendet auch Anmeldungen auf anderen Geräten, z. B. wenn Sie ein fremdes Gerät benutzt haben.',
  'account.passwordTitle': 'Passwort ändern',
  'account.currentPassword': 'Aktuelles Passwort',
  'account.newPassword': 'Neues Passwort',
  'account.changePassword': 'Passwort ändern',
  'account.passwordChanged': 'Ihr Passwort wurde geändert.',
  'account.wrongPassword': 'Das aktuelle Passwort ist falsch.',
  'account.deleteTitle': 'Konto löschen',
  'account.delete.intro':
    'Damit löschen Sie Ihr Konto und alle Ihre Daten endgültig, auch alle Nachrichten. Das kann nicht rückgängig gemacht werden.',
  'account.delete.password': 'Passwort zur Bestätigung',
  'account.delete.confirm': 'Ich möchte mein Konto und alle meine Daten endgültig löschen.',
  'account.delete.confirmMissing': 'Bitte bestätigen Sie, dass Sie Ihr Konto löschen möchten.',
  'account.delete.submit': 'Konto löschen',
  'account.delete.wrong': 'Das Passwort ist falsch.',
  'account.loggedOut': 'Sie sind abgemeldet.',
  'account.needLogin': 'Bitte melden Sie sich an, um Ihr Konto zu sehen.',
  'account.staffHere':
    'Sie sind mit einem Konto einer Beratungsstelle angemeldet. Bitte nutzen Sie die Beratungsstellen-Verwaltung.',

  'notFound.title': 'Seite nicht gefunden',
  'notFound.text': 'Diese Seite gibt es nicht.',
  'notFound.back': 'Zur Startseite',
} as const;

export type MessageKey = keyof typeof de;
