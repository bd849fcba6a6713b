# Sessions, time-outs and the security log (decision 0050).
sessions-link = Dine pålogginger (økter) – se og logg ut
sessions-title = Dine pålogginger
sessions-timeouts = Du logges ut etter { $idle } uten aktivitet, og senest { $absolute } etter at du logget inn.
sessions-minutes = { $count ->
    [one] ett minutt
   *[other] { $count } minutter
}
sessions-hours = { $count ->
    [one] én time
   *[other] { $count } timer
}
sessions-browser = Nettleser
sessions-browser-on = { $browser } på { $os }
sessions-browser-unknown = Ukjent nettleser
sessions-ip = Adresse
sessions-started = Logget inn
sessions-last-seen = Sist brukt
sessions-this-one = Denne
sessions-end = Logg ut denne
sessions-end-this = Logg ut her
sessions-end-others = Logg ut alle andre steder
sessions-no-others = Du er ikke logget inn noe annet sted.
settings-password-changed = Passordet er byttet. Du er logget ut alle andre steder.

session-settings-title = Pålogging
session-settings-saved = Innstillingene er lagret. Tidsgrensene gjelder også pålogginger som allerede er i gang.
session-settings-idle = Logg ut etter så mange minutter uten aktivitet
session-settings-absolute = Logg ut senest så mange timer etter innlogging
session-settings-hint = Gjelder ansatte, kontaktpersoner i kundeportalen og vikarer. Standard er 480 minutter (8 timer) uten aktivitet og 168 timer (7 dager) i alt.
session-settings-idle-invalid = Skriv et helt antall minutter fra { $min } til { $max }.
session-settings-absolute-invalid = Skriv et helt antall timer fra { $min } til { $max }.
session-settings-absolute-short = Den lengste påloggingen kan ikke være kortere enn tiden uten aktivitet.
session-settings-log-days = Behold sikkerhetsloggen så mange dager
session-settings-log-days-hint = Eldre hendelser slettes hver natt. Standard er 400 dager. Mislykkede innlogginger med ukjent brukernavn gir høyst ti rader per adresse og time (gjentakelser telles), og bare de 100 000 nyeste beholdes.
session-settings-log-days-invalid = Skriv et helt antall dager fra { $min } til { $max }.

seclog-title = Sikkerhetslogg
seclog-all-users = Alle brukere
seclog-all-kinds = Alle hendelser
seclog-filter = Vis
seclog-export = Last ned CSV
seclog-count = { $count ->
    [0] Ingen hendelser
    [one] Én hendelse
   *[other] { $formatted } hendelser
}
seclog-count-more = { $count ->
    [one] Mer enn én hendelse
   *[other] Mer enn { $formatted } hendelser
}
seclog-col-at = Tid
seclog-col-kind = Hendelse
seclog-col-who = Hvem
seclog-col-by = Utført av
seclog-col-login = Brukernavn skrevet
seclog-col-ip = Adresse
seclog-col-detail = Detaljer
seclog-who-contact = { $name } (kundeportalen)
seclog-who-worker = { $name } (vikar)
seclog-kind-login = Innlogging
seclog-kind-login-failed = Mislykket innlogging
seclog-kind-logout = Utlogging
seclog-kind-session-timeout = Utlogget etter tidsgrense
seclog-kind-session-ended = Pålogging avsluttet fra listen
seclog-kind-logout-others = Logget ut alle andre steder
seclog-kind-role-changed = Rolle endret
seclog-kind-department-changed = Avdeling endret
seclog-kind-password-changed = Passord byttet
seclog-kind-token-created = API-nøkkel laget
seclog-kind-token-revoked = API-nøkkel trukket tilbake
seclog-kind-token-used = API-nøkkel brukt
seclog-kind-token-refused = API-nøkkel avvist
seclog-kind-csrf-refused = Forespørsel fra annet nettsted avvist
seclog-kind-api-rate-limited = API-grense nådd (429)
seclog-kind-access-refused = Tilgang nektet
seclog-kind-signing-code-locked = Signeringskode sperret
seclog-kind-honeypot-filled = Robotfelle i søknadsskjemaet
seclog-kind-upload-refused = Fil avvist ved opplasting
seclog-kind-session-settings = Tidsgrenser for pålogging endret
seclog-kind-log-pruned = Gamle hendelser slettet
seclog-repeats = { $count ->
    [one] én gang
   *[other] { $count } ganger innen en time
}
logout-everywhere = Logg ut overalt
logout-everywhere-hint = Logger ut på alle enheter der du er logget inn, også denne.
seclog-detail-password = feil passord
seclog-detail-unknown = ukjent bruker
seclog-detail-inactive = brukeren er deaktivert
seclog-detail-throttled = avvist: for mange forsøk
seclog-detail-portal = kundeportalen
seclog-detail-worker = vikarsidene
seclog-detail-idle = uten aktivitet for lenge
seclog-detail-absolute = lengste pålogging nådd
seclog-detail-cleared = ryddet bort ved en senere innlogging

# An admin ends other people's sessions; re-authentication before ending one's own (decision 0065).
seclog-kind-sessions-revoked = Pålogginger avsluttet av en ansatt
sessions-user-live = { $count ->
    [0] Ikke logget inn noe sted nå.
    [one] Logget inn på ett sted nå.
   *[other] Logget inn på { $count } steder nå.
}
sessions-user-end = Logg ut denne brukeren
sessions-user-end-hint = Avslutter alle påloggingene til brukeren med en gang. Neste klikk sender brukeren til innloggingen. Passordet og API-nøklene er som før.
sessions-user-ended = { $count ->
    [0] Brukeren var ikke logget inn noe sted.
    [one] Brukeren er logget ut (én pålogging avsluttet).
   *[other] Brukeren er logget ut ({ $count } pålogginger avsluttet).
}
sessions-end-user-self = Dine egne pålogginger avslutter du under «Dine pålogginger».
sessions-end-all-title = Logg ut alle
sessions-end-all-hint = Avslutter alle pålogginger i firmaet med en gang – ansatte, kontaktpersoner i kundeportalen og vikarer – unntatt din egen. Bruk det når du tror en pålogging er kommet på avveie. API-nøkler virker som før; dem trekker du tilbake for seg.
sessions-end-all = Logg ut alle unntatt meg
sessions-end-all-confirm = Logge ut alle andre i firmaet nå?
sessions-end-all-unconfirmed = Bruk knappen «Logg ut alle unntatt meg» på siden Pålogging.
sessions-end-all-done = { $count ->
    [0] Ingen andre var logget inn.
    [one] Én pålogging er avsluttet.
   *[other] { $count } pålogginger er avsluttet.
}
sessions-reauth-why = Skriv passordet ditt igjen, fordi du logget inn for mer enn 10 minutter siden. Påloggingen avsluttes når du har bekreftet.
