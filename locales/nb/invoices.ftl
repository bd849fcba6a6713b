# Invoices and credit notes (part 8): the store's messages.
invoice-line-description-required = Skriv hva linjen gjelder.
invoice-line-quantity = Antallet må være forskjellig fra 0 og høyst 1 000 000.
invoice-line-unit = Velg en enhet.
invoice-line-price = Enhetsprisen kan ikke være negativ eller over 100 000 000 kr.
invoice-line-vat-category = Velg en mva-kode (S, Z, E, AE eller O).
invoice-line-vat-rate = Satsen passer ikke mva-koden: standardsats (S) må være over 0 og høyst 100 %, de andre kodene har 0 %.
invoice-line-reason-required = Unntatt (E) krever en begrunnelse.
invoice-line-reason-forbidden = Bare unntatte linjer (E) har en begrunnelse.
invoice-empty = Fakturaen har ingen linjer.
invoice-amounts = Beløpene på fakturaen er for store.
invoice-outside-scope-mixed = Linjer utenfor mva-området (O) kan ikke stå på samme faktura som andre mva-koder.
invoice-buyer-org-number = Kunden mangler organisasjonsnummer, som må stå på fakturaen.
invoice-buyer-address = Kunden mangler fakturaadresse (gate, postnummer og sted).
invoice-not-draft = Fakturaen er utstedt og kan ikke endres. Rett den med en kreditnota.
invoice-changed-meanwhile = Noen andre har endret fakturaen i mellomtiden. Last siden på nytt.
invoice-kid = Kundenummeret eller fakturanummeret passer ikke i KID-en.
invoice-credit-not-issued = Bare en utstedt faktura kan krediteres.
invoice-credit-reason = Skriv hvorfor fakturaen krediteres.
invoice-credit-lines = Velg linjer fra fakturaen som skal krediteres.
invoice-credit-line-credited = En av linjene er allerede kreditert.
invoice-credit-nothing-left = Alle linjene på fakturaen er allerede kreditert.

# Statuses shown in lists (invoices::state).
invoice-status-draft = Utkast
invoice-status-issued = Utstedt
invoice-status-sent = Sendt
invoice-status-partly-paid = Delvis betalt
invoice-status-paid = Betalt
invoice-status-overdue = Forfalt
invoice-status-credited = Kreditert
