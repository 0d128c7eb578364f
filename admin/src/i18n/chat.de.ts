/**
 * German texts of the counselor's chat pages (Erstanfragen, Meine Beratungen with
 * Ratsuchende and Archiv, one consultation), worded as in the portal they follow;
 * part of the app's dictionary (de.ts).
 */
export const chatDe = {
  'nav.inquiries': 'Erstanfragen',
  'nav.consultations': 'Meine Beratungen',

  'chat.connection.connecting': 'Die Verbindung zur Online-Beratung wird hergestellt …',
  'chat.connection.lostTitle': 'Keine Verbindung',
  'chat.connection.lost':
    'Die Verbindung zum Server ist unterbrochen. Neue Nachrichten und Anfragen erscheinen, sobald sie wieder steht – das geschieht automatisch.',

  'chat.inquiries.title': 'Erstanfragen',
  'chat.inquiries.intro':
    'Neue Anfragen von Ratsuchenden an {center}, die älteste zuerst. Wer eine Anfrage übernimmt, berät die Person weiter; für alle anderen verschwindet sie dann aus dieser Liste.',
  'chat.inquiries.none': 'Zurzeit warten keine Erstanfragen.',
  'chat.inquiries.one': 'Eine Erstanfrage wartet.',
  'chat.inquiries.many': '{count} Erstanfragen warten.',
  'chat.inquiries.takeOver': 'Übernehmen',
  'chat.inquiries.takeOverContext': '(Anfrage von {name})',
  'chat.waiting.justNow': 'wartet seit weniger als 1 Min.',
  'chat.waiting.minutes': 'wartet seit {minutes} Min.',
  'chat.waiting.hours': 'wartet seit {hours} Std.',
  'chat.waiting.day': 'wartet seit 1 Tag',
  'chat.waiting.days': 'wartet seit {days} Tagen',
  'chat.noKey.title': 'Diese Anfrage können Sie noch nicht lesen',
  'chat.noKey.text':
    'Ihnen fehlt noch der Teamschlüssel Ihrer Beratungsstelle. Er wird Ihnen automatisch übergeben, sobald die App einer Kollegin, eines Kollegen oder der Leitung geöffnet ist – Sie müssen nichts tun. Die Anfrage wird dann hier lesbar.',

  'chat.consultations.title': 'Meine Beratungen',
  'chat.consultations.tabs': 'Meine Beratungen',
  'chat.consultations.tab.active': 'Ratsuchende',
  'chat.consultations.tab.archived': 'Archiv',
  'chat.consultations.intro':
    'Ihre laufenden Beratungen bei {center}, die mit der neuesten Aktivität zuerst.',
  'chat.consultations.empty':
    'Sie haben zurzeit keine laufenden Beratungen. Neue Anfragen finden Sie unter „Erstanfragen“.',
  'chat.consultations.caption': 'Laufende Beratungen: {count}',
  'chat.archive.intro':
    'Ihre archivierten Beratungen bei {center}. Schreibt eine Person wieder, erscheint die Beratung wieder unter „Ratsuchende“.',
  'chat.archive.empty': 'Ihr Archiv ist leer.',
  'chat.archive.caption': 'Archivierte Beratungen: {count}',
  'chat.col.seeker': 'Ratsuchende:r',
  'chat.col.topic': 'Thema',
  'chat.col.lastActivity': 'Letzte Aktivität',
  'chat.col.unread': 'Ungelesen',
  'chat.unread': '{count} neu',
  'chat.unread.none': 'keine',

  'chat.conversation.title': 'Beratung',
  'chat.conversation.titleWith': 'Beratung mit {name}',
  'chat.conversation.back': 'Zurück zu Meine Beratungen',
  'chat.conversation.backToArchive': 'Zurück zum Archiv',
  'chat.facts.status': 'Status',
  'chat.facts.since': 'Anfrage vom',
  'chat.status.waiting': 'wartet auf Übernahme',
  'chat.status.active': 'laufend',
  'chat.status.archived': 'archiviert',
  'chat.actions': 'Aktionen zur Beratung',
  'chat.log.title': 'Nachrichten',
  'chat.log.older': 'Ältere Nachrichten laden',
  'chat.log.empty': 'Noch keine Nachrichten.',
  'chat.author.me': 'Ich',
  'chat.author.colleague': 'Kolleg:in',
  'chat.delivery.sent': 'Gesendet',
  'chat.delivery.delivered': 'Zugestellt',
  'chat.delivery.read': 'Gelesen',
  'chat.message.undecryptable':
    'Diese Nachricht konnte nicht entschlüsselt werden: Sie wurde verändert oder gehört nicht in diese Unterhaltung.',
  'chat.message.noKey': 'Für diese Nachricht fehlt Ihnen der Schlüssel.',
  'chat.system.taken.me': 'Sie haben die Anfrage übernommen.',
  'chat.system.taken': 'Eine Kollegin/ein Kollege hat die Anfrage übernommen.',
  'chat.system.handedOver.me': 'Sie haben die Beratung an eine Kollegin/einen Kollegen übergeben.',
  'chat.system.handedOver': 'Die Beratung wurde an eine Kollegin/einen Kollegen übergeben.',
  'chat.system.archived': 'Die Beratung wurde archiviert.',
  'chat.system.reopened': '{name} hat wieder geschrieben – die Beratung ist wieder geöffnet.',
  'chat.system.counselorLeft':
    'Die bisherige Beraterin/der bisherige Berater gehört nicht mehr zur Beratungsstelle.',
  'chat.system.rekeyed': 'Der Schlüssel der Unterhaltung wurde erneuert.',
  'chat.system.transferProposed.me':
    'Sie haben vorgeschlagen, die Beratung an eine andere Beratungsstelle abzugeben.',
  'chat.system.transferProposed':
    'Es wurde vorgeschlagen, die Beratung an eine andere Beratungsstelle abzugeben.',
  'chat.system.transferDeclined': '{name} möchte nicht zu einer anderen Beratungsstelle wechseln.',
  'chat.system.transferred': '{name} ist mit der Beratung zu einer anderen Beratungsstelle gewechselt.',
  'chat.system.callProposed.me': 'Sie haben ein Gespräch per Video oder Audio vorgeschlagen.',
  'chat.system.callProposed': 'Ein Gespräch per Video oder Audio wurde vorgeschlagen.',
  'chat.system.callStarted': 'Das Gespräch hat begonnen.',
  'chat.system.callDeclined': '{name} hat das vorgeschlagene Gespräch abgelehnt.',
  'chat.system.callEnded': 'Das Gespräch ist beendet.',
  'chat.system.unknown': 'Ein Ereignis in der Unterhaltung.',
  'chat.typing': '{name} schreibt …',
  'chat.readOnly.deleted': '{name} hat die Unterhaltung gelöscht.',
  'chat.readOnly.waiting': 'Diese Anfrage wartet in den Erstanfragen darauf, dass jemand sie übernimmt.',
  'chat.readOnly.notAssigned':
    'Diese Beratung ist Ihnen nicht mehr zugeordnet. Sie können hier nichts mehr schreiben.',
  'chat.readOnly.archived': 'Diese Beratung ist archiviert.',
  'chat.readOnly.archivedText':
    'Sie können hier nicht mehr schreiben. Schreibt {name} eine neue Nachricht, wird die Beratung automatisch wieder geöffnet und erscheint wieder unter „Meine Beratungen“.',

  'chat.composer.label': 'Nachricht an {name} schreiben',
  'chat.composer.hint':
    'Die Eingabetaste sendet die Nachricht, Umschalt und Eingabetaste beginnen eine neue Zeile.',
  'chat.composer.bytes': '{bytes} von {max} Bytes',
  'chat.composer.send': 'Senden',
  'chat.composer.empty': 'Bitte schreiben Sie eine Nachricht.',
  'chat.composer.offline':
    'Zurzeit besteht keine Verbindung. Bitte warten Sie, bis sie wieder steht, und senden Sie dann erneut.',

  'chat.fingerprint.show': 'Sicherheitsnummer anzeigen',
  'chat.fingerprint.hide': 'Sicherheitsnummer ausblenden',
  'chat.fingerprint.intro':
    'Die Sicherheitsnummer ist auf beiden Seiten gleich, wenn niemand die Unterhaltung mitlesen kann. Vergleichen Sie sie bei Bedarf mit {name}, zum Beispiel am Telefon.',

  'chat.handOver.open': 'Übergeben',
  'chat.handOver.title': 'Beratung mit {name} übergeben',
  'chat.handOver.intro':
    'Die Kollegin oder der Kollege kann danach die ganze Unterhaltung lesen und berät weiter. Sie selbst haben danach keinen Zugriff mehr.',
  'chat.handOver.colleague': 'An Kollegin/Kollegen',
  'chat.handOver.choose': 'Bitte wählen',
  'chat.handOver.missing': 'Bitte wählen Sie, an wen Sie übergeben.',
  'chat.handOver.noColleagues': 'In Ihrer Beratungsstelle gibt es niemanden, an den Sie übergeben können.',
  'chat.handOver.note': 'Notiz zur Übergabe',
  'chat.handOver.noteHint':
    'Nur die Kollegin oder der Kollege kann die Notiz lesen; die ratsuchende Person sieht sie nicht.',
  'chat.handOver.noteTooLong': 'Die Notiz ist zu lang. Bitte kürzen Sie sie.',
  'chat.handOver.confirm': 'Übergeben',
  'chat.handOver.done': 'Die Beratung mit {name} ist an {colleague} übergeben.',
  'chat.handOverNote.title': 'Notiz zur Übergabe von Ihrer Kollegin/Ihrem Kollegen',
  'chat.handOverNote.undecryptable': 'Die Notiz zur Übergabe konnte nicht entschlüsselt werden.',

  'chat.archive.open': 'Archivieren',
  'chat.archive.title': 'Beratung mit {name} archivieren?',
  'chat.archive.text':
    'Die Beratung wird ins Archiv verschoben und ist dann schreibgeschützt. Schreibt {name} wieder, wird sie automatisch wieder geöffnet.',
  'chat.archive.confirm': 'Archivieren',

  'chat.attachment.file': 'Datei: {name} ({size})',
  'chat.attachment.download': 'Herunterladen',
  'chat.attachment.failed':
    'Die Datei konnte nicht geladen oder entschlüsselt werden. Bitte versuchen Sie es erneut.',
  'chat.attachment.label': 'Datei auswählen',
  'chat.attachment.hint':
    'PDF-Dateien, Bilder und Office-Dokumente bis 10 MB. Die Datei wird vor dem Senden verschlüsselt.',
  'chat.attachment.missing': 'Bitte wählen Sie eine Datei aus.',
  'chat.attachment.send': 'Datei senden',
  'chat.error.attachmentType':
    'Diese Datei kann nicht gesendet werden: Erlaubt sind PDF-Dateien, Bilder und Office-Dokumente, deren Inhalt zur Dateiendung passt.',
  'chat.error.attachmentTooLarge': 'Die Datei ist zu groß: höchstens 10 MB.',
  'chat.error.attachmentQuota':
    'Für heute haben Sie die Höchstmenge an Dateien erreicht. Bitte senden Sie weitere Dateien morgen.',
  'chat.error.alreadyTaken': 'Eine Kollegin/ein Kollege hat diese Anfrage bereits übernommen.',
  'chat.error.noKey':
    'Ihnen fehlt noch der Schlüssel dafür. Er wird automatisch übergeben, sobald die App einer Kollegin, eines Kollegen oder der Leitung geöffnet ist. Bitte versuchen Sie es dann erneut.',
  'chat.error.rekeyPending':
    'Die bisherige Beraterin/der bisherige Berater hat die Beratungsstelle verlassen: Die Person muss den Schlüssel der Unterhaltung zuerst erneuern. Das geschieht automatisch, sobald sie die Online-Beratung öffnet.',
  'chat.error.staleKey':
    'Der Schlüssel der Unterhaltung wurde gerade erneuert. Bitte laden Sie die Seite neu und senden Sie die Nachricht noch einmal.',
  'chat.error.tooLong':
    'Die Nachricht ist zu lang: höchstens 8192 Bytes (etwa 8000 Buchstaben ohne Umlaute). Bitte teilen Sie sie auf.',
  'chat.error.archived':
    'Diese Beratung ist archiviert. Sie können erst wieder schreiben, wenn die Person eine neue Nachricht schickt.',
  'chat.error.notOnMemberList':
    'Diese Person steht noch nicht auf der von der Leitung bestätigten Mitgliederliste Ihrer Beratungsstelle. Die Liste wird automatisch ergänzt, sobald die App der Leitung geöffnet ist. Bitte versuchen Sie es dann erneut oder wählen Sie eine andere Person.',
  'chat.error.notAColleague':
    'Beratungen können nur an Kolleginnen und Kollegen derselben Beratungsstelle übergeben werden.',
  'chat.error.notFound': 'Diese Beratung gibt es nicht (mehr), oder sie ist Ihnen nicht zugeordnet.',

  'nav.chatSettings': 'Chat-Einstellungen',

  'chat.settings.title': 'Chat-Einstellungen',
  'chat.absence.title': 'Abwesenheit',
  'chat.absence.intro':
    'Wenn Sie eine Zeit lang nicht antworten können (Urlaub, Krankheit), tragen Sie sich als abwesend ein. Die Ratsuchenden Ihrer laufenden Beratungen sehen dann einen Hinweis und Ihre Notiz – in allen Ihren Beratungsstellen. Sie können Ihnen weiterhin schreiben.',
  'chat.absence.statusAbsent': 'Sie sind zurzeit als abwesend eingetragen.',
  'chat.absence.statusPresent': 'Sie sind zurzeit als anwesend eingetragen.',
  'chat.absence.absent': 'Ich bin abwesend',
  'chat.absence.absentHint': 'Nehmen Sie den Haken heraus und speichern Sie, sobald Sie wieder da sind.',
  'chat.absence.message': 'Notiz für Ratsuchende',
  'chat.absence.messageHint':
    'Zum Beispiel, ab wann Sie wieder da sind und an wen man sich in dringenden Fällen wenden kann. Die Notiz ist nicht verschlüsselt und für alle Ihre Ratsuchenden gleich: Schreiben Sie nichts Vertrauliches hinein.',
  'chat.absence.count': '{count} von {max} Zeichen',
  'chat.absence.tooLong': 'Die Notiz ist zu lang: höchstens {max} Zeichen. Bitte kürzen Sie sie.',
  'chat.absence.save': 'Abwesenheit speichern',
  'chat.absence.savedAbsent': 'Gespeichert: Sie sind als abwesend eingetragen.',
  'chat.absence.savedPresent': 'Gespeichert: Sie sind wieder als anwesend eingetragen.',
  'chat.absence.activeTitle': 'Sie sind als abwesend eingetragen',
  'chat.absence.activeText': '{name} sieht einen Hinweis auf Ihre Abwesenheit und Ihre Notiz.',
  'chat.absence.activeListText':
    'Die Ratsuchenden Ihrer laufenden Beratungen sehen einen Hinweis auf Ihre Abwesenheit und Ihre Notiz.',
  'chat.absence.change': 'Abwesenheit ändern',
  'chat.settings.centerTitle': 'Online-Beratung von {center}',
  'chat.settings.digest': 'Sammel-Mail zu Erstanfragen',
  'chat.settings.digest.none': 'keine Mails',
  'chat.settings.digest.every': 'höchstens alle {minutes} Minuten',
  'chat.settings.retention': 'Aufbewahrung archivierter Beratungen',
  'chat.settings.retention.days': '{days} Tage',
  'chat.settings.retention.oneDay': '1 Tag',
  'chat.settings.adminOnly': 'Diese Einstellungen kann nur die Leitung der Beratungsstelle ändern.',
  'chat.settings.digestLabel': 'Abstand der Sammel-Mails zu Erstanfragen (in Minuten)',
  'chat.settings.digestHint':
    'Solange Erstanfragen warten, erhalten die Berater:innen von {center} höchstens in diesem Abstand eine Mail, die nur sagt, dass Anfragen warten – ohne Inhalt. 0 bedeutet: keine Mails. Erlaubt sind {min} bis {max} Minuten (eine Woche).',
  'chat.settings.retentionLabel': 'Aufbewahrung archivierter Beratungen (in Tagen)',
  'chat.settings.retentionHint':
    'So viele Tage nach dem Archivieren werden eine Beratung und alle ihre Nachrichten und Dateien endgültig gelöscht. Erlaubt sind {min} bis {max} Tage.',
  'chat.settings.digest.invalid': 'Bitte geben Sie eine ganze Zahl von {min} bis {max} Minuten ein.',
  'chat.settings.retention.invalid': 'Bitte geben Sie eine ganze Zahl von {min} bis {max} Tagen ein.',
  'chat.settings.problems': 'Bitte prüfen Sie die markierten Felder ({count}).',
  'chat.settings.save': 'Einstellungen speichern',
  'chat.settings.saved': 'Die Chat-Einstellungen sind gespeichert.',

  'chat.transfer.open': 'An andere Beratungsstelle übergeben',
  'chat.transfer.title': 'Beratung mit {name} an eine andere Beratungsstelle übergeben',
  'chat.transfer.intro':
    'Wählen Sie eine Beratungsstelle mit Online-Beratung, die {name} besser weiterhelfen kann. Deren Team kann nach dem Wechsel die ganze Unterhaltung lesen; Sie haben dann keinen Zugriff mehr.',
  'chat.transfer.consent':
    'Gewechselt wird nur, wenn {name} im Chat zustimmt. Bis dahin beraten Sie weiter; lehnt {name} ab, bleibt alles wie bisher.',
  'chat.transfer.search': 'Beratungsstelle suchen',
  'chat.transfer.searchHint': 'Name, Ort oder Thema, zum Beispiel „Schuldnerberatung Köln“.',
  'chat.transfer.searchButton': 'Suchen',
  'chat.transfer.none': 'Keine andere Beratungsstelle mit Online-Beratung gefunden.',
  'chat.transfer.one': 'Eine Beratungsstelle mit Online-Beratung gefunden.',
  'chat.transfer.many': '{count} Beratungsstellen mit Online-Beratung gefunden.',
  'chat.transfer.center': 'Beratungsstelle',
  'chat.transfer.choose': 'Bitte wählen',
  'chat.transfer.option': '{name} ({city})',
  'chat.transfer.missing': 'Bitte wählen Sie eine Beratungsstelle.',
  'chat.transfer.confirm': 'Übergabe vorschlagen',
  'chat.transfer.pending': 'Übergabe an {center} vorgeschlagen',
  'chat.transfer.pendingText':
    '{name} entscheidet im Chat, ob die Beratung dorthin wechselt. Bis dahin beraten Sie weiter.',
  'chat.transfer.otherCenter': 'eine andere Beratungsstelle',
  'chat.readOnly.transferred': '{name} ist zu einer anderen Beratungsstelle gewechselt.',
  'chat.readOnly.transferredText':
    'Die Beratung liegt jetzt bei der anderen Beratungsstelle. Sie haben keinen Zugriff mehr darauf.',
  'chat.error.sameCenter':
    'Das ist Ihre eigene Beratungsstelle. Innerhalb der Beratungsstelle übergeben Sie die Beratung an eine Kollegin oder einen Kollegen.',
  'chat.error.transferTarget':
    'Diese Beratungsstelle kann noch keine verschlüsselten Beratungen übernehmen. Bitte wählen Sie eine andere.',
  'chat.call.actions': 'Gespräch per Video oder Audio',
  'chat.call.proposeVideo': 'Videogespräch vorschlagen',
  'chat.call.proposeAudio': 'Audiogespräch vorschlagen',
  'chat.call.proposed': 'Sie haben {name} ein {kind} vorgeschlagen.',
  'chat.call.proposedText':
    '{name} sieht jetzt, was passiert, und entscheidet. Erst mit der Einwilligung beginnt das Gespräch.',
  'chat.call.withdraw': 'Vorschlag zurückziehen',
  'chat.call.error.CALL_IN_PROGRESS':
    'In dieser Beratung ist schon ein Gespräch vorgeschlagen oder im Gange.',
  'chat.call.error.CONVERSATION_NOT_ACTIVE': 'Gespräche sind nur in einer laufenden Beratung möglich.',
  'chat.call.error.MEDIA_UNAVAILABLE':
    'Der Gesprächsdienst ist gerade nicht erreichbar. Bitte versuchen Sie es später; der Chat geht weiter.',
} as const;
