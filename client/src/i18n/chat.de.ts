/**
 * German texts of the help seeker's online counseling (Online-Beratung starten, Meine
 * Beratungen, the conversation); part of the app's dictionary (de.ts). The waiting
 * state follows the wording of the Sozialplattform ("Berater_innen-Suche läuft",
 * "So geht es weiter").
 */
export const chatDe = {
  'nav.chats': 'Meine Beratungen',
  'nav.chatsUnread': 'Meine Beratungen ({count} neu)',

  'start.chat.title': 'Direkt online beraten lassen',
  'start.chat.text':
    'Schreiben Sie einer Beratungsstelle in Ihrer Nähe – anonym und Ende-zu-Ende-verschlüsselt. Sie brauchen nur einen selbst gewählten Benutzernamen.',
  'start.chat.link': 'Online-Beratung starten',
  'start.toChats': 'Zu meinen Beratungen',

  'chat.login.title': 'Melden Sie sich an, um zu schreiben',
  'chat.login.text':
    'Damit Ihnen Ihre Beratungsstelle antworten kann, brauchen Sie ein Konto. Dafür genügen ein selbst gewählter Benutzername und ein Passwort.',
  'chat.login.anonymous':
    'Sie bleiben anonym: Ihren echten Namen und Ihre E-Mail-Adresse brauchen wir nicht. Nach der Anmeldung geht es hier weiter.',
  'chat.login.register': 'Registrieren',
  'chat.login.login': 'Anmelden',
  'chat.unlock.title': 'Nachrichten entsperren',
  'chat.unlock.intro':
    'Ihre Nachrichten sind verschlüsselt. Nach dem Neuladen der Seite brauchen wir Ihr Passwort noch einmal, um sie auf diesem Gerät lesbar zu machen. Es verlässt Ihr Gerät nicht.',
  'chat.unlock.password': 'Passwort',
  'chat.unlock.submit': 'Entsperren',
  'chat.unlock.wrong': 'Das Passwort ist falsch.',

  'chat.field.hint': 'Schreiben Sie in Ihren eigenen Worten, was Sie bewegt.',
  'chat.field.placeholder': 'Schreiben Sie uns, was Sie bewegt.',
  'chat.field.counter': '{used} von {max} Bytes',
  'chat.field.tooLong':
    'Die Nachricht ist zu lang. Bitte kürzen Sie sie oder teilen Sie sie auf mehrere Nachrichten auf (Umlaute und Emojis zählen doppelt oder mehr).',
  'chat.field.empty': 'Bitte schreiben Sie eine Nachricht.',

  'inquiry.title': 'Online-Beratung starten',
  'inquiry.lead':
    'Schreiben Sie einer Beratungsstelle, was Sie bewegt. Eine Berater:in antwortet Ihnen so schnell wie möglich – anonym und verschlüsselt.',
  'inquiry.formTitle': 'Ihre Nachricht an die Beratungsstelle',
  'inquiry.topic': 'Thema',
  'inquiry.topic.hint': 'Damit Ihre Nachricht bei der passenden Berater:in ankommt.',
  'inquiry.topic.choose': 'Bitte wählen',
  'inquiry.topic.general': '{topic} – allgemein',
  'inquiry.topic.missing': 'Bitte wählen Sie ein Thema.',
  'inquiry.postalCode': 'Postleitzahl',
  'inquiry.postalCode.hint':
    'Fünf Ziffern, z. B. 40210. Damit finden wir eine Beratungsstelle in Ihrer Nähe.',
  'inquiry.postalCode.missing': 'Bitte geben Sie Ihre Postleitzahl ein.',
  'inquiry.postalCode.invalid': 'Eine Postleitzahl hat fünf Ziffern, z. B. 40210.',
  'inquiry.route.loading': 'Beratungsstelle wird gesucht …',
  'inquiry.route.goesTo': 'Ihre Nachricht geht an:',
  'inquiry.route.fallbackTitle': 'Keine Beratungsstelle in Ihrer Nähe',
  'inquiry.route.fallback':
    'Für Ihre Postleitzahl bietet keine Beratungsstelle zu diesem Thema Online-Beratung an. Ihre Nachricht geht deshalb an {center}, die überregional berät.',
  'inquiry.route.noneTitle': 'Keine Beratungsstelle gefunden',
  'inquiry.route.none':
    'Für dieses Thema und diese Postleitzahl haben wir leider keine Beratungsstelle mit Online-Beratung gefunden.',
  'inquiry.route.toFinder': 'Beratungsstellen mit Online-Beratung suchen',
  'inquiry.text': 'Ihre Nachricht',
  'inquiry.anonymous.title': 'Anonym und verschlüsselt:',
  'inquiry.anonymous.text':
    'Die Beratungsstelle sieht nur Ihren Benutzernamen „{name}“. Ihre Nachricht wird auf Ihrem Gerät verschlüsselt – lesen können sie nur Sie und die Beratungsstelle, nicht einmal wir als Betreiber.',
  'inquiry.submit': 'Nachricht senden',
  'inquiry.noOnline.title': 'Keine Online-Beratung',
  'inquiry.noOnline.text': '{center} bietet keine Online-Beratung an.',
  'inquiry.noOnline.link': 'Eine Beratungsstelle über Ihre Postleitzahl finden',
  'inquiry.error.noTeamKey':
    'Diese Beratungsstelle kann gerade noch keine verschlüsselten Nachrichten empfangen. Bitte versuchen Sie es später oder bei einer anderen Beratungsstelle.',
  'inquiry.error.noOnline': 'Diese Beratungsstelle bietet keine Online-Beratung an.',
  'inquiry.error.limit':
    'Sie haben heute schon mehrere neue Beratungen begonnen. Bitte schreiben Sie in einer Ihrer bestehenden Beratungen weiter.',
  'inquiry.error.stale':
    'Die Beratungsstelle hat gerade ihren Schlüssel erneuert. Bitte senden Sie Ihre Nachricht noch einmal.',
  'inquiry.error.trust':
    'Der Schlüssel dieser Beratungsstelle konnte nicht bestätigt werden. Aus Sicherheitsgründen wurde nichts gesendet. Bitte wenden Sie sich an den Support.',

  'chats.title': 'Meine Beratungen',
  'chats.new': 'Neue Online-Beratung starten',
  'chats.empty': 'Sie haben noch keine Online-Beratung begonnen.',
  'chats.listLabel': 'Ihre Beratungen, die neueste zuerst',
  'chats.unread': '{count} neu',
  'chats.counselor': 'Berater:in: {name}',
  'chats.lastActivity': 'Zuletzt:',
  'chats.status.waiting': 'Berater_innen-Suche läuft',
  'chats.status.active': 'In Beratung',
  'chats.status.archived': 'Archiviert',

  'chat.title': 'Ihre Online-Beratung',
  'chat.back': 'Zurück zu Meine Beratungen',
  'chat.notFound': 'Diese Beratung gibt es nicht oder nicht mehr.',
  'chat.deleted': 'Diese Beratung wurde gelöscht.',
  'chat.connecting': 'Verbindung wird hergestellt …',
  'chat.offline.title': 'Verbindung unterbrochen',
  'chat.offline.text':
    'Wir verbinden Sie automatisch wieder. Nachrichten, die inzwischen ankommen, gehen nicht verloren.',
  'chat.reconnected': 'Verbindung wiederhergestellt.',
  'chat.problem.title': 'Nicht alles konnte geladen werden',
  'chat.problem.sync': 'Neue Nachrichten konnten nicht abgerufen werden. Bitte laden Sie die Seite neu.',
  'chat.problem.rekey':
    'Der Schlüssel dieser Beratung konnte nicht erneuert werden. Bitte laden Sie die Seite neu, bevor Sie weiterschreiben.',
  'chat.absent.title': '{name} ist gerade abwesend',
  'chat.absent.text':
    'Sie können trotzdem schreiben. Ihre Nachricht wartet sicher verschlüsselt, bis Ihre Berater:in wieder da ist.',
  'chat.transfer.title': 'Wechsel zu einer anderen Beratungsstelle?',
  'chat.transfer.text': 'Ihre Berater:in schlägt vor, Ihre Beratung an {center} zu übergeben.',
  'chat.transfer.otherCenter': 'eine andere Beratungsstelle',
  'chat.transfer.consequences':
    'Wenn Sie zustimmen, kann die neue Beratungsstelle Ihre bisherigen Nachrichten lesen und übernimmt Ihre Beratung; Ihre jetzige Berater:in ist dann nicht mehr dabei. Sie bleiben anonym. Wenn Sie ablehnen, bleibt alles wie bisher.',
  'chat.transfer.accept': 'Zustimmen',
  'chat.transfer.decline': 'Ablehnen',
  'chat.transfer.stale':
    'Die andere Beratungsstelle hat gerade ihren Schlüssel erneuert. Bitte stimmen Sie noch einmal zu.',
  'chat.transfer.gone': 'Dieser Vorschlag gilt nicht mehr.',
  'chat.waiting.title': 'Berater_innen-Suche läuft',
  'chat.waiting.next': 'So geht es weiter:',
  'chat.waiting.done': 'Erledigt:',
  'chat.waiting.step1': 'Wir haben Ihre Nachricht erhalten.',
  'chat.waiting.step2': 'Jetzt finden wir eine_n passende_n Berater_in für Sie.',
  'chat.waiting.step3': 'Ihr_e Berater_in antwortet so schnell wie möglich.',
  'chat.waiting.leave':
    'Sie können diese Seite schließen. Unter „Meine Beratungen“ sehen Sie, sobald Ihnen jemand antwortet. Sie bleiben dabei anonym.',
  'chat.log.title': 'Nachrichten',
  'chat.log.older': 'Ältere Nachrichten laden',
  'chat.day.today': 'Heute',
  'chat.day.yesterday': 'Gestern',
  'chat.dayTime': '{day}, {time}',
  'chat.me': 'Ich',
  'chat.counselor': 'Berater:in',
  'chat.message.read': 'gelesen',
  'chat.message.delivered': 'zugestellt',
  'chat.message.undecryptable':
    'Diese Nachricht konnte nicht entschlüsselt werden. Sie wurde möglicherweise unterwegs verändert.',
  'chat.message.attachment': 'Datei: {name} ({size})',
  'chat.message.noKey': 'Diese Nachricht kann auf diesem Gerät nicht gelesen werden: Der Schlüssel fehlt.',
  'chat.event.taken': 'Eine Berater:in hat Ihre Anfrage übernommen.',
  'chat.event.handed_over': 'Ihre Beratung wurde an eine andere Berater:in übergeben.',
  'chat.event.archived':
    'Die Beratung wurde archiviert. Wenn Sie wieder schreiben, wird sie wieder geöffnet.',
  'chat.event.reopened': 'Die Beratung wurde wieder geöffnet.',
  'chat.event.counselor_left':
    'Ihre Berater:in hat die Beratungsstelle verlassen. Die Beratungsstelle kümmert sich weiter um Sie.',
  'chat.event.rekeyed':
    'Der Schlüssel dieser Beratung wurde erneuert. Wer die Beratungsstelle verlassen hat, kann neue Nachrichten nicht lesen.',
  'chat.event.transfer_proposed':
    'Ihre Berater:in schlägt vor, Ihre Beratung an eine andere Beratungsstelle zu übergeben. Sie entscheiden, ob Sie zustimmen.',
  'chat.event.transfer_declined': 'Die Übergabe an eine andere Beratungsstelle wurde abgelehnt.',
  'chat.event.transferred': 'Ihre Beratung wurde an eine andere Beratungsstelle übergeben.',
  'chat.event.call_proposed':
    'Ihre Beraterin oder Ihr Berater schlägt ein Gespräch per Audio oder Video vor.',
  'chat.event.call_started': 'Das Gespräch hat begonnen.',
  'chat.event.call_declined': 'Das vorgeschlagene Gespräch wurde abgelehnt.',
  'chat.event.call_ended': 'Das Gespräch ist beendet.',
  'chat.event.unknown': 'Der Stand der Beratung hat sich geändert.',
  'chat.typing': '{name} schreibt …',
  'chat.announce': 'Neue Nachricht von {name}: {text}',
  'chat.compose.label': 'Ihre Nachricht',
  'chat.compose.hint': 'Enter sendet die Nachricht, Umschalt und Enter beginnt eine neue Zeile.',
  'chat.compose.send': 'Senden',
  'chat.compose.archived':
    'Diese Beratung ist archiviert. Wenn Sie schreiben, wird sie wieder geöffnet und Ihre Beratungsstelle benachrichtigt.',
  'chat.send.offlineTitle': 'Keine Verbindung',
  'chat.send.offline':
    'Ihre Nachricht wurde nicht gesendet; sie steht noch im Eingabefeld. Bitte senden Sie sie, sobald die Verbindung wieder da ist.',
  'chat.send.rekey':
    'Der Schlüssel dieser Beratung wurde gerade erneuert. Bitte senden Sie Ihre Nachricht noch einmal.',
  'chat.send.noKey': 'Der Schlüssel dieser Beratung fehlt auf diesem Gerät. Bitte laden Sie die Seite neu.',
  'chat.send.gone': 'Diese Beratung gibt es nicht mehr.',
  'chat.fingerprint.title': 'Sicherheitsnummer',
  'chat.fingerprint.why':
    'Mit der Sicherheitsnummer können Sie prüfen, dass niemand außer Ihnen und Ihrer Berater:in Ihre Nachrichten lesen kann.',
  'chat.fingerprint.show': 'Sicherheitsnummer vergleichen',
  'chat.fingerprint.hide': 'Sicherheitsnummer ausblenden',
  'chat.fingerprint.how':
    'Vergleichen Sie diese 40 Ziffern mit Ihrer Berater:in, zum Beispiel am Telefon oder bei einem Termin vor Ort. Stimmen sie überein, ist Ihre Beratung sicher verschlüsselt.',
  'chat.fingerprint.mismatch':
    'Stimmen die Ziffern nicht überein, schreiben Sie bitte nichts Vertrauliches mehr und sprechen Sie Ihre Beratungsstelle auf anderem Weg an.',
  'chat.delete.title': 'Beratung löschen',
  'chat.delete.intro':
    'Sie können diese Beratung jederzeit löschen. Dann werden alle Nachrichten für Sie und für die Beratungsstelle gelöscht.',
  'chat.delete.button': 'Beratung löschen',
  'chat.delete.confirmTitle': 'Beratung endgültig löschen?',
  'chat.delete.confirmText':
    'Alle Nachrichten dieser Beratung werden für Sie und für die Beratungsstelle gelöscht. Das kann nicht rückgängig gemacht werden.',
  'chat.delete.confirm': 'Endgültig löschen',
  'chat.delete.done': 'Die Beratung wurde gelöscht.',

  'chat.file.download': 'Herunterladen',
  'chat.file.loading': 'Wird entschlüsselt …',
  'chat.file.save': '{name} speichern',
  'chat.file.failed':
    'Die Datei konnte nicht geladen oder entschlüsselt werden. Bitte versuchen Sie es noch einmal.',
  'chat.file.label': 'Datei auswählen',
  'chat.file.hint':
    'PDF-Dateien, Bilder (JPG, PNG, GIF, WebP) und Office-Dokumente (Word, Excel, PowerPoint, OpenDocument) bis 10 MB. Die Datei wird auf Ihrem Gerät verschlüsselt, bevor sie gesendet wird.',
  'chat.file.send': 'Datei senden',
  'chat.file.sent': 'Die Datei „{name}“ wurde verschlüsselt gesendet.',
  'chat.file.missing': 'Bitte wählen Sie zuerst eine Datei aus.',
  'chat.file.empty': 'Diese Datei ist leer. Bitte wählen Sie eine andere.',
  'chat.file.type':
    'Diese Datei kann nicht gesendet werden. Erlaubt sind PDF-Dateien, Bilder und Office-Dokumente, deren Inhalt zur Dateiendung passt.',
  'chat.file.tooLarge': 'Die Datei ist zu groß: höchstens 10 MB. Bitte wählen Sie eine kleinere Datei.',
  'chat.file.quota':
    'Sie haben heute schon so viele Dateien gesendet, wie an einem Tag möglich sind. Bitte senden Sie weitere Dateien morgen – Nachrichten können Sie weiter schreiben.',
  'chat.file.offline':
    'Die Datei wurde nicht gesendet. Bitte senden Sie sie, sobald die Verbindung wieder da ist.',
  'chat.call.consent.title': '{name} schlägt ein {kind} vor',
  'chat.call.consent.intro': 'Das passiert, wenn Sie einwilligen:',
  'chat.call.consent.who': 'Sie sprechen mit {name} von {center} – mit niemandem sonst.',
  'chat.call.consent.video':
    'Ihre Kamera und Ihr Mikrofon werden eingeschaltet. Sie können beide während des Gesprächs jederzeit ausschalten.',
  'chat.call.consent.audio': 'Nur Ihr Mikrofon wird eingeschaltet; Ihre Kamera bleibt aus.',
  'chat.call.consent.recording': 'Nichts wird aufgezeichnet.',
  'chat.call.consent.privacy':
    'Bild und Ton sind Ende-zu-Ende-verschlüsselt und laufen über unseren Vermittlungsserver: {name} erfährt Ihre IP-Adresse nicht, und der Server kann nichts sehen oder hören.',
  'chat.call.consent.end':
    'Sie können das Gespräch jederzeit beenden. Der Chat geht weiter – auch wenn Sie ablehnen.',
  'chat.call.consent.accept': 'Einwilligen und teilnehmen',
  'chat.call.consent.decline': 'Ablehnen',
  'chat.call.consent.later': 'Später entscheiden',
  'chat.call.pending': '{name} schlägt ein {kind} vor.',
  'chat.call.answer': 'Vorschlag ansehen',
} as const;
