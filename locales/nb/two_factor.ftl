# Totrinnsinnlogging (beslutning 0054).
two-factor-link = Totrinnsinnlogging (kode fra en app)
two-factor-title = Totrinnsinnlogging
two-factor-intro = Med totrinnsinnlogging skriver du en sekssifret kode fra en autentiseringsapp på telefonen (for eksempel Google Authenticator, Microsoft Authenticator eller 1Password) etter passordet.
two-factor-code = Kode fra autentiseringsappen
two-factor-code-hint = Mistet telefonen? Skriv en av gjenopprettingskodene dine i stedet.
two-factor-code-new = Den sekssifrede koden appen viser nå
two-factor-code-current = En kode fra appen, eller en gjenopprettingskode
two-factor-submit = Fortsett
two-factor-back = Start innloggingen på nytt
two-factor-wrong-code = Koden er ikke riktig, eller den er brukt før. Skriv koden appen viser nå (den skifter hvert 30. sekund), eller en gjenopprettingskode.
two-factor-wrong-new-code = Koden er ikke riktig. Skriv koden appen viser nå for Kundekort-kontoen du nettopp la til (den skifter hvert 30. sekund).
two-factor-start-again = Innloggingen ble ikke fullført i tide, eller for mange koder var feil. Logg inn med passordet på nytt.
two-factor-enrol-required = Firmaet krever totrinnsinnlogging. Sett det opp nå for å fortsette.
two-factor-setup-title = Sett opp autentiseringsappen
two-factor-setup-scan = Åpne autentiseringsappen, legg til en konto og skann denne QR-koden.
two-factor-setup-manual = Får du ikke skannet? Skriv inn denne nøkkelen i appen i stedet (tidsbasert):
two-factor-turn-on = Slå på
two-factor-set-up = Sett opp totrinnsinnlogging
two-factor-on-now = Totrinnsinnlogging er slått på.
two-factor-continue = Fortsett
two-factor-codes-title = Gjenopprettingskodene dine
two-factor-codes-once = Hver kode virker én gang, i stedet for en kode fra appen. Skriv dem ut eller legg dem et trygt sted nå: de vises ikke igjen.
two-factor-codes-left = { $count ->
    [0] Du har ingen ubrukte gjenopprettingskoder igjen: lag nye.
    [one] Du har én ubrukt gjenopprettingskode.
   *[other] Du har { $count } ubrukte gjenopprettingskoder.
}
two-factor-status-on = Totrinnsinnlogging er slått på.
two-factor-status-off = Totrinnsinnlogging er slått av.
two-factor-required-note = Firmaet krever totrinnsinnlogging for din rolle, så den kan ikke slås av.
two-factor-required-keep = Firmaet krever totrinnsinnlogging for din rolle: den kan ikke slås av. Spør en administrator hvis du har mistet telefonen og gjenopprettingskodene.
two-factor-new-phone = Ny telefon
two-factor-new-phone-button = Sett opp en ny autentiseringsapp
two-factor-renew-codes = Nye gjenopprettingskoder
two-factor-renew-codes-button = Lag ti nye koder
two-factor-turn-off = Slå av
two-factor-turn-off-button = Slå av totrinnsinnlogging
two-factor-turned-off = Totrinnsinnlogging er slått av.
two-factor-reset-self = Du kan ikke nullstille din egen totrinnsinnlogging her; bruk dine egne innstillinger.
# Admin
two-factor-required-title = Totrinnsinnlogging kreves for
two-factor-required-hint = Brukere med en avkrysset rolle som ikke har satt det opp, logges ut nå og må sette det opp ved neste innlogging.
two-factor-required-self = Du har ikke satt opp totrinnsinnlogging selv.
two-factor-user-on = Totrinnsinnlogging: på
two-factor-user-off = Totrinnsinnlogging: av
two-factor-user-reset = Nullstill totrinnsinnlogging
two-factor-user-reset-hint = For en bruker som har mistet telefonen og gjenopprettingskodene: nøkkelen og kodene fjernes, og brukeren logges ut overalt.
two-factor-user-was-reset = Totrinnsinnloggingen ble nullstilt, og brukeren ble logget ut overalt.
seclog-kind-two-factor-enabled = Totrinnsinnlogging satt opp
seclog-kind-two-factor-disabled = Totrinnsinnlogging slått av
seclog-kind-two-factor-reset = Totrinnsinnlogging nullstilt av administrator
seclog-kind-two-factor-failed = Feil totrinnskode
seclog-kind-recovery-code-used = Gjenopprettingskode brukt
seclog-kind-recovery-codes-renewed = Nye gjenopprettingskoder laget
seclog-kind-two-factor-settings = Krav om totrinnsinnlogging endret
# Ny bekreftelse før viktige endringer
reauth-title = Bekreft at det er deg
reauth-why = Denne endringen krever passordet ditt igjen, fordi du logget inn for mer enn 10 minutter siden. Gjør så endringen en gang til.
reauth-kept = Denne endringen krever passordet ditt igjen, fordi du logget inn for mer enn 10 minutter siden. Det du skrev er tatt vare på: endringen gjøres når du har bekreftet.
reauth-resume = Bekreftet. Endringen sendes nå slik du skrev den.
reauth-resume-submit = Fullfør endringen
reauth-wrong-password = Passordet er ikke riktig.
# Kontaktpersoner og vikarer (beslutning 0059)
two-factor-required-approvers = Kontaktpersoner i portalen som kan godkjenne timelister eller signere dokumenter
two-factor-required-approvers-hint = Kontaktpersoner med en av disse rettighetene som ikke har satt det opp, logges ut nå og må sette det opp ved neste innlogging. En engangslenke for å godkjenne én timeliste virker fortsatt uten.
two-factor-required-note-approver = Firmaet krever totrinnsinnlogging for kontaktpersoner som kan godkjenne timelister eller signere, så den kan ikke slås av.
two-factor-required-keep-approver = Firmaet krever totrinnsinnlogging for kontaktpersoner som kan godkjenne timelister eller signere: den kan ikke slås av. Spør bemanningsbyrået hvis du har mistet telefonen og gjenopprettingskodene.
two-factor-holder-reset-hint = For en som har mistet telefonen og gjenopprettingskodene: nøkkelen og kodene fjernes, og vedkommende logges ut overalt.
