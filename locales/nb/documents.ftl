# Documents (customer card part 4)
tab-documents = Dokumenter
document-name = Navn
document-category = Kategori
document-categories = Dokumentkategorier
document-category-offer = Tilbud
document-category-contract = Kontrakt
document-category-logo = Logo
document-category-price-agreement = Prisavtale
document-category-other = Annet
document-category-name = Navn
document-category-builtin = Standardnavn: { $name } (brukes når feltet er tomt)
document-category-new = Ny kategori
document-category-position = Rekkefølge
document-category-active = I bruk
document-category-required = Velg en kategori.
document-category-name-required = Kategorien må ha et navn.
document-category-name-too-long = Navnet kan være på høyst 60 tegn.
document-category-position-invalid = Rekkefølgen må være et tall.
document-description = Beskrivelse
document-description-too-long = Beskrivelsen kan være på høyst 2000 tegn.
document-valid-until = Gyldig til
document-valid-until-invalid = Skriv datoen som dd.mm.åååå.
document-shared-with-customer = Del med kunden (synlig i kundeportalen for kontakter med tilgang til dokumenter)
document-shared = Delt med kunden
document-signed = Signert
document-size = Størrelse
document-uploaded-by = Lastet opp av
document-updated = Oppdatert
document-deleted = Slettet
document-versions = Versjoner
document-new-version = Last opp ny versjon
document-details = Detaljer
document-download = Last ned
document-preview = Forhåndsvisning
document-search = Søk i navn
document-none = Ingen dokumenter ennå. Dra filer hit for å laste opp.
document-drop-here = Dra og slipp filer her, eller
document-choose-files = Velg filer
document-choose-files-again = Velg filene på nytt – de ble ikke lagret.
document-limits = Høyst { $max } per fil, { $files } filer om gangen. PDF, bilder, Office- og tekstfiler.
document-upload = Last opp
document-limit-one = Høyst { $max }. PDF, bilder, Office- og tekstfiler.
document-uploaded = { $count ->
    [one] Ett dokument er lastet opp.
   *[other] { $count } dokumenter er lastet opp.
}
document-no-files = Velg minst én fil.
document-upload-broken = Opplastingen ble avbrutt. Prøv igjen.
document-too-many-files = For mange filer på en gang (høyst { $max }).
document-refused-title = Disse filene ble ikke lagret:
document-refused-empty = Filen er tom.
document-refused-too-large = Filen er større enn grensen på { $max }.
document-refused-executable = Programfiler og skript kan ikke lastes opp.
document-refused-mismatch = Innholdet ({ $detected }) stemmer ikke med filnavnet (.{ $extension }).
document-refused-unsupported = Filtypen «{ $extension }» tas ikke imot. Bruk PDF, bilder, Office- eller tekstfiler.
document-refused-virus = Filen inneholder skadelig kode ({ $signature }) og ble ikke lagret.
document-refused-scan-failed = Filen kunne ikke sjekkes for virus og ble ikke lagret. Prøv igjen senere.
document-refused-named = «{ $name }» ble ikke lagret: { $reason }
document-saved = Endringene er lagret.
document-delete = Flytt til papirkurven
document-delete-confirm = Flytte dokumentet til papirkurven? En administrator kan gjenopprette det.
document-bin = Papirkurv
document-bin-empty = Papirkurven er tom.
document-back-to-list = Tilbake til dokumentene
document-in-bin = Dokumentet ligger i papirkurven.
document-restore = Gjenopprett
# history
history-document-create = Dokument lastet opp
history-document-update = Dokument endret
history-document-new-version = Ny versjon av dokument
history-document-signed = Signert kopi lagret
history-document-delete = Dokument flyttet til papirkurven
history-document-restore = Dokument gjenopprettet
document-document = Dokument
document-version = Versjon
# portal
portal-home = Forsiden
portal-documents = Dokumenter
portal-documents-none = Ingen dokumenter er delt med dere ennå.
portal-documents-all = Alle dokumenter
portal-to-sign = Venter på din signatur

# Uploads: a form field other than a file that is too long.
error-too-large = For stor forespørsel
document-field-too-large = Et av feltene i skjemaet er for langt (høyst { $max }). Ingenting ble lagret.
# Siden med dokumentkategorier: om opplastede filer sjekkes for virus (beslutning 0071).
document-virus-scan-on = Hver fil som lastes opp, sjekkes for virus av ClamAV ({ $addr }) før den lagres.
document-virus-scan-off = Opplastede filer sjekkes ikke for virus: ingen virusskanner er satt opp (KUNDEKORT_CLAMD, se driftsveiledningen).
