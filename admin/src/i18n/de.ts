import { commonDe } from '@common/i18n/messages';

/** German, the source language: every key of the counseling-center app. */
export const de = {
  ...commonDe,
  'app.name': 'Beratungsstellen-Verwaltung',
  'app.tagline': 'Online-Beratung – für Berater:innen und Leitungen',
  'app.footer':
    'Beratungsstellen-Verwaltung der Online-Beratung. Nachrichten sind Ende-zu-Ende-verschlüsselt.',
  'nav.team': 'Team',
  'nav.audit': 'Protokoll',
  'nav.account': 'Konto',
  'nav.certifications': 'Zertifizierungen',
  'nav.security': 'Sicherheit',
  'nav.login': 'Anmelden',
  'center.label': 'Beratungsstelle',
  'center.none': 'Ihr Konto gehört zu keiner Beratungsstelle.',
  'role.counselor': 'Berater:in',
  'role.center_admin': 'Leitung',

  'login.title': 'Anmelden',
  'login.intro': 'Melden Sie sich mit der E-Mail-Adresse an, mit der Sie eingeladen wurden.',
  'login.email': 'E-Mail-Adresse',
  'login.password': 'Passwort',
  'login.submit': 'Anmelden',
  'login.wrong': 'E-Mail-Adresse oder Passwort ist falsch.',
  'login.seeker':
    'Dieses Konto ist ein Konto für Ratsuchende. Bitte melden Sie sich in der Online-Beratung an.',

  'mfa.title': 'Zweiter Faktor',
  'mfa.intro': 'Bitte geben Sie den sechsstelligen Code aus Ihrer Authenticator-App ein.',
  'mfa.code': 'Bestätigungscode',
  'mfa.code.hint':
    'Sechs Ziffern aus der App – oder einer Ihrer Wiederherstellungscodes, falls Sie keinen Zugriff auf die App haben.',
  'mfa.submit': 'Bestätigen',
  'mfa.wrong': 'Der Code stimmt nicht. Bitte prüfen Sie auch die Uhrzeit Ihres Geräts.',
  'mfa.cancel': 'Abbrechen und abmelden',

  'mfaSetup.title': 'Zweiten Faktor einrichten',
  'mfaSetup.intro':
    'Für Ihr Konto ist ein zweiter Faktor vorgeschrieben. Sie brauchen dafür eine Authenticator-App auf Ihrem Smartphone (zum Beispiel FreeOTP, Aegis oder eine andere App für Einmalcodes nach TOTP).',
  'mfaSetup.step1': '1. Scannen Sie diesen QR-Code mit Ihrer Authenticator-App.',
  'mfaSetup.qrAlt': 'QR-Code zum Einrichten der Authenticator-App',
  'mfaSetup.step2': 'Kein Scan möglich? Geben Sie diesen Schlüssel in der App von Hand ein:',
  'mfaSetup.link': 'Einrichtungslink öffnen (auf einem Gerät mit Authenticator-App)',
  'mfaSetup.step3': '2. Geben Sie den sechsstelligen Code ein, den die App jetzt anzeigt.',
  'mfaSetup.code': 'Code aus der App',
  'mfaSetup.code.invalid': 'Bitte geben Sie genau sechs Ziffern ein.',
  'mfaSetup.submit': 'Einrichten',
  'mfaSetup.wrong': 'Der Code stimmt nicht. Bitte prüfen Sie auch die Uhrzeit Ihres Geräts.',
  'mfaSetup.loading': 'Der Schlüssel wird erzeugt …',

  'recoveryCodes.title': 'Ihre Wiederherstellungscodes',
  'recoveryCodes.warningTitle': 'Bitte jetzt sichern – die Codes werden nur dieses eine Mal angezeigt',
  'recoveryCodes.warning':
    'Mit jedem dieser Codes können Sie sich einmal anmelden, wenn Sie keinen Zugriff auf Ihre Authenticator-App haben. Bewahren Sie sie sicher auf, getrennt von Ihrem Passwort.',
  'recoveryCodes.copyAll': 'Alle Codes kopieren',
  'recoveryCodes.confirm': 'Ich habe die Wiederherstellungscodes sicher aufbewahrt.',
  'recoveryCodes.confirmMissing': 'Bitte bestätigen Sie, dass Sie die Codes aufbewahrt haben.',
  'recoveryCodes.continue': 'Weiter',

  'invite.title': 'Einladung annehmen',
  'invite.intro': 'Sie wurden in die Online-Beratung eingeladen. Legen Sie jetzt Ihr Passwort fest.',
  'invite.center': 'Beratungsstelle',
  'invite.role': 'Rolle',
  'invite.email': 'E-Mail-Adresse',
  'invite.name': 'Name',
  'invite.expires': 'Gültig bis',
  'invite.password': 'Passwort',
  'invite.password.hint':
    'Mindestens 10 Zeichen. Ihr Passwort schützt auch Ihre Schlüssel zum Entschlüsseln der Beratungen – niemand kann es zurücksetzen.',
  'invite.submit': 'Einladung annehmen',
  'invite.invalid':
    'Diese Einladung ist ungültig, abgelaufen oder wurde schon angenommen. Bitte wenden Sie sich an die Leitung Ihrer Beratungsstelle.',
  'invite.loading': 'Einladung wird geladen …',
  'invite.working': 'Ihre Schlüssel werden auf diesem Gerät erzeugt. Das dauert einen Moment.',
  'invite.done': 'Willkommen! Ihr Konto ist eingerichtet.',

  'team.title': 'Team',
  'team.intro': 'Alle Berater:innen und Leitungen von {center}.',
  'team.name': 'Name',
  'team.email': 'E-Mail-Adresse',
  'team.role': 'Rolle',
  'team.mfa': 'Zweiter Faktor',
  'team.mfa.on': 'eingerichtet',
  'team.mfa.off': 'nicht eingerichtet',
  'team.actions': 'Aktionen',
  'team.you': '(Sie)',
  'team.remove': 'Entfernen',
  'team.empty': 'Noch niemand im Team.',
  'team.onlyAdmins': 'Die Teamverwaltung ist der Leitung der Beratungsstelle vorbehalten.',
  'team.removeTitle': '{name} aus dem Team entfernen?',
  'team.removeText':
    '{name} verliert sofort den Zugang zu {center}. Für neue Anfragen wird der Teamschlüssel erneuert.',
  'team.removeConfirm': 'Ja, entfernen',
  'team.removed': '{name} wurde aus dem Team entfernt.',
  'team.inviteTitle': 'Jemanden einladen',
  'team.inviteIntro':
    'Die eingeladene Person erhält einen Link per E-Mail und legt ihr Passwort selbst fest.',
  'team.inviteEmail': 'E-Mail-Adresse',
  'team.inviteName': 'Name',
  'team.inviteName.hint': 'So sehen die Kolleg:innen die Person im Team.',
  'team.inviteName.invalid': 'Bitte geben Sie einen Namen mit 2 bis 80 Zeichen ein.',
  'team.inviteEmail.invalid': 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
  'team.inviteRole': 'Rolle',
  'team.inviteSubmit': 'Einladung senden',
  'team.invited': 'Die Einladung an {email} ist verschickt. Sie gilt bis {date}.',
  'team.inviteConflict': 'Diese Person ist schon im Team oder bereits eingeladen.',

  'audit.title': 'Protokoll',
  'audit.intro':
    'Wer hat wann welche Verwaltungsaktion ausgeführt. Inhalte von Beratungen stehen nie im Protokoll.',
  'audit.at': 'Zeitpunkt',
  'audit.actor': 'Person',
  'audit.action': 'Aktion',
  'audit.target': 'Betroffen',
  'audit.system': 'System',
  'audit.empty': 'Noch keine Einträge.',
  'audit.caption': 'Protokoll von {center}, neueste Einträge zuerst',
  'audit.action.center.created': 'Beratungsstelle angelegt',
  'audit.action.center.settings.updated': 'Einstellungen geändert',
  'audit.action.keys.admin_certified': 'Schlüssel einer Leitung beglaubigt',
  'audit.action.keys.team_key_published': 'Teamschlüssel veröffentlicht',
  'audit.action.mfa.enabled': 'Zweiter Faktor eingerichtet',
  'audit.action.mfa.disabled': 'Zweiter Faktor abgeschaltet',
  'audit.action.staff.invited': 'Einladung erstellt',
  'audit.action.staff.joined': 'Einladung angenommen',
  'audit.action.staff.removed': 'Aus dem Team entfernt',
  'audit.targetType.account': 'Konto',
  'audit.targetType.invite': 'Einladung',
  'audit.targetType.center': 'Beratungsstelle',

  'unlock.title': 'Schlüssel entsperren',
  'unlock.intro':
    'Ihre Schlüssel sind nach dem Neuladen der Seite wieder verschlüsselt. Geben Sie Ihr Passwort ein, um sie auf diesem Gerät zu entsperren.',
  'unlock.password': 'Passwort',
  'unlock.submit': 'Entsperren',
  'unlock.wrong': 'Das Passwort ist falsch.',

  'certify.title': 'Zertifizierungen',
  'certify.intro':
    'Leitungen von Beratungsstellen, deren Schlüssel noch nicht bestätigt sind. Erst danach können sie den Teamschlüssel ihrer Beratungsstelle erstellen.',
  'certify.compare':
    'Vergleichen Sie vor dem Bestätigen den Fingerabdruck telefonisch mit der jeweiligen Leitung – nur wenn alle Ziffern übereinstimmen, gehört der Schlüssel wirklich dieser Person.',
  'certify.caption': 'Leitungen, die auf die Bestätigung ihres Schlüssels warten',
  'certify.center': 'Beratungsstelle',
  'certify.name': 'Name',
  'certify.fingerprint': 'Fingerabdruck',
  'certify.actions': 'Aktionen',
  'certify.confirm': 'Schlüssel bestätigen',
  'certify.empty': 'Niemand wartet auf eine Bestätigung.',
  'certify.done': 'Der Schlüssel von {name} ({center}) ist bestätigt.',
  'certify.onlyPlatform': 'Zertifizierungen sind der Plattform-Administration vorbehalten.',
  'certify.noGrant':
    'Für Ihr Konto ist der Plattformschlüssel nicht hinterlegt. Bitte wenden Sie sich an die Betreiber der Plattform.',
  'certify.keysInvalid':
    'Die Schlüssel dieser Person passen nicht zusammen. Bitte bestätigen Sie sie nicht und wenden Sie sich an die Betreiber der Plattform.',

  'security.title': 'Sicherheit',
  'security.teamKeyTitle': 'Teamschlüssel',
  'security.teamKeyIntro':
    'Mit dem Teamschlüssel verschlüsseln Ratsuchende ihre Anfragen an {center}. Lesen können sie nur die Personen auf der unterschriebenen Teamliste.',
  'security.renewHint':
    'Erneuern Sie den Teamschlüssel, nachdem Sie Berater:innen hinzugefügt oder entfernt haben – so können nur die aufgeführten Personen neue Anfragen lesen.',
  'security.none':
    'Für {center} gibt es noch keinen Teamschlüssel. Ratsuchende können noch keine Anfragen senden.',
  'security.epoch': 'Schlüsselgeneration',
  'security.members': 'Personen auf der Teamliste',
  'security.fingerprint': 'Fingerabdruck',
  'security.create': 'Teamschlüssel erstellen',
  'security.renew': 'Teamschlüssel erneuern',
  'security.published': 'Der Teamschlüssel (Generation {epoch}) ist veröffentlicht.',
  'security.notCertifiedTitle': 'Ihr Schlüssel ist noch nicht bestätigt',
  'security.notCertified':
    'Bevor Sie den Teamschlüssel erstellen können, muss die Plattform-Administration Ihren Schlüssel bestätigen. Sie vergleicht dazu telefonisch diesen Fingerabdruck mit Ihnen:',
  'security.stale':
    'Inzwischen wurde ein anderer Teamschlüssel veröffentlicht. Bitte versuchen Sie es erneut.',
  'security.memberKeysInvalid':
    'Die Schlüssel einer Person im Team passen nicht zusammen. Aus Sicherheitsgründen wurde kein Teamschlüssel erstellt. Bitte wenden Sie sich an die Betreiber der Plattform.',
  'security.mfaTitle': 'Zweiter Faktor',
  'security.mfaRequired': 'Zwei-Faktor-Anmeldung für Berater:innen verpflichtend',
  'security.mfaRequired.hint':
    'Berater:innen ohne zweiten Faktor werden bei ihrer nächsten Anmeldung aufgefordert, ihn einzurichten. Für Leitungen ist er immer verpflichtend.',
  'security.save': 'Speichern',
  'security.saved': 'Die Einstellung ist gespeichert.',

  'account.title': 'Konto',
  'account.name': 'Name',
  'account.email': 'E-Mail-Adresse',
  'account.memberships': 'Beratungsstellen',
  'account.mfa': 'Zweiter Faktor',
  'account.logoutTitle': 'Abmelden',
  'account.logout': 'Abmelden',
  'account.logoutEverywhere': 'Auf allen Geräten abmelden',
  'account.logoutEverywhere.hint': 'Beendet auch Anmeldungen auf anderen Geräten.',
  'account.loggedOut': 'Sie sind abgemeldet.',
  'account.mfaMandatory': 'Für Ihre Rolle ist der zweite Faktor vorgeschrieben.',
  'account.mfaOffTitle': 'Zweiten Faktor abschalten',
  'account.mfaOffIntro':
    'Für Ihr Konto ist der zweite Faktor nicht vorgeschrieben. Wenn Sie ihn abschalten, genügt zum Anmelden Ihr Passwort.',
  'account.mfaOffCode': 'Code aus der App',
  'account.mfaOffCode.hint': 'Sechs Ziffern aus der App – oder einer Ihrer Wiederherstellungscodes.',
  'account.mfaOffSubmit': 'Zweiten Faktor abschalten',
  'account.mfaOffWrong': 'Der Code stimmt nicht. Bitte prüfen Sie auch die Uhrzeit Ihres Geräts.',
  'account.mfaOffMandatory': 'Für Ihre Rolle ist der zweite Faktor inzwischen vorgeschrieben.',
  'account.mfaOffDone': 'Der zweite Faktor ist abgeschaltet.',

  'notFound.title': 'Seite nicht gefunden',
  'notFound.text': 'Diese Seite gibt es nicht.',
  'notFound.back': 'Zur Übersicht',
} as const;

export type MessageKey = keyof typeof de;
