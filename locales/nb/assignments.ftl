## Assignments (oppdrag): the compliance light and its reasons.

compliance-green = Ingen avvik
compliance-yellow = Advarsel
compliance-red = Stopper aktivering
compliance-no-legal-basis = Mangler rettslig grunnlag for innleie (aml. § 14-12).
compliance-legal-basis-incomplete = Det rettslige grunnlaget for innleie er ikke beskrevet (hva er behovet, hvem vikarieres for, hvilken avtale).
compliance-no-hms-card = Kunden er i bygg eller renhold, og vikaren har ikke gyldig HMS-kort.
compliance-hms-card-expired = HMS-kortet gikk ut { $date }, før oppdraget starter.
compliance-hms-card-expires = HMS-kortet går ut { $date }, før oppdraget slutter.
compliance-no-work-permit = Vikaren trenger oppholdstillatelse for å arbeide, og ingen er registrert.
compliance-work-permit-ends = Oppholdstillatelsen gjelder bare til { $date }, før oppdraget slutter.
compliance-overtime-pay-too-low = Overtidslønnen for { $percent } % er lavere enn lønnen med minst { $minimum } % tillegg (aml. § 10-6).
compliance-building-site-ban = Innleie fra bemanningsforetak til bygningsarbeid på byggeplass er forbudt i dette fylket.
compliance-equal-terms-missing = Innleiebedriftens lønns- og arbeidsvilkår for stillingen er ikke registrert (likebehandling, aml. § 14-12 a).
compliance-equal-terms-unmet = Lønnen er lavere enn innleiebedriftens lønn for stillingen (likebehandling).
compliance-equal-terms-old = Innleiebedriftens vilkår ble sist bekreftet { $date }; de må bekreftes på nytt etter lønnsoppgjøret.
compliance-margin-below-floor = Dekningsbidraget er under firmaets nedre grense.
compliance-three-years = Vikaren har vært leid inn til denne kunden sammenhengende i nesten tre år ({ $date }).

holiday-new-years-day = Første nyttårsdag
holiday-maundy-thursday = Skjærtorsdag
holiday-good-friday = Langfredag
holiday-easter-sunday = Første påskedag
holiday-easter-monday = Andre påskedag
holiday-labour-day = Arbeidernes dag
holiday-constitution-day = Grunnlovsdag
holiday-ascension-day = Kristi himmelfartsdag
holiday-whit-sunday = Første pinsedag
holiday-whit-monday = Andre pinsedag
holiday-christmas-day = Første juledag
holiday-boxing-day = Andre juledag
