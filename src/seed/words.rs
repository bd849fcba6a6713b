//! Word lists for realistic Norwegian demo and benchmark data.

pub(super) const DEPARTMENTS: [&str; 5] = ["Oslo", "Bergen", "Trondheim", "Stavanger", "Tromsø"];

pub(super) const FIRST_NAMES: [&str; 24] = [
    "Ingrid", "Ola", "Kari", "Lars", "Nora", "Magnus", "Emma", "Henrik", "Sofie", "Jonas", "Ida",
    "Sindre", "Thea", "Eirik", "Maja", "Anders", "Hanna", "Kristian", "Sara", "Martin", "Silje",
    "Håkon", "Marte", "Øystein",
];
pub(super) const LAST_NAMES: [&str; 20] = [
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Nilsen",
    "Kristiansen",
    "Jensen",
    "Karlsen",
    "Johnsen",
    "Pettersen",
    "Eriksen",
    "Berg",
    "Haugen",
    "Hagen",
    "Johannessen",
    "Andreassen",
    "Jacobsen",
    "Dahl",
];
pub(super) const PREFIXES: [&str; 30] = [
    "Fjord", "Nord", "Vest", "Berg", "Haug", "Lund", "Dal", "Skog", "Elve", "Sjø", "Fjell", "Vik",
    "Strand", "Bakke", "Solheim", "Øster", "Ås", "Bjørk", "Lie", "Hav", "Midt", "Sør", "Nordlys",
    "Kyst", "Tind", "Furu", "Bre", "Stein", "Moen", "Viken",
];
pub(super) const TRADES: [(&str, &str, &str); 25] = [
    ("Bygg", "41.200", "Oppføring av bygninger"),
    ("Elektro", "43.210", "Elektrisk installasjonsarbeid"),
    ("Transport", "49.410", "Godstransport på vei"),
    ("Logistikk", "52.100", "Lagring"),
    ("Kjøtt", "10.110", "Bearbeiding og konservering av kjøtt"),
    ("Mat og Vin", "56.101", "Drift av restauranter og kafeer"),
    ("Renhold", "81.210", "Rengjøring av bygninger"),
    ("Helse", "86.101", "Alminnelige somatiske sykehus"),
    ("Omsorg", "87.101", "Somatiske sykehjem"),
    (
        "Dagligvare",
        "47.111",
        "Butikkhandel med bredt vareutvalg med hovedvekt på nærings- og nytelsesmidler",
    ),
    ("Data", "62.010", "Programmeringstjenester"),
    ("Revisjon", "69.201", "Revisjon"),
    ("Regnskap", "69.202", "Regnskap og bokføring"),
    (
        "Stål",
        "25.110",
        "Produksjon av metallkonstruksjoner og deler",
    ),
    ("Maskin", "33.120", "Reparasjon av maskiner"),
    ("Anlegg", "42.110", "Bygging av veier og motorveier"),
    ("Rør", "43.220", "VVS-arbeid"),
    ("Handel", "46.900", "Uspesifisert engroshandel"),
    (
        "Hotell",
        "55.101",
        "Drift av hoteller, pensjonater og moteller med restaurant",
    ),
    (
        "Kommunale tjenester",
        "84.110",
        "Generell offentlig administrasjon",
    ),
    ("Skole", "85.201", "Ordinær grunnskoleundervisning"),
    (
        "Havbruk",
        "03.211",
        "Matfiskproduksjon i hav- og kystbasert fiskeoppdrett",
    ),
    (
        "Sjømat",
        "10.200",
        "Bearbeiding og konservering av fisk, skalldyr og bløtdyr",
    ),
    (
        "Offshore",
        "09.101",
        "Boretjenester tilknyttet utvinning av råolje og naturgass",
    ),
    ("Verft", "30.110", "Bygging av skip og flytende materiell"),
];
pub(super) const SUFFIXES: [&str; 10] = [
    "AS",
    "AS",
    "AS",
    "AS",
    "ASA",
    "ANS",
    "DA",
    "Holding AS",
    "Gruppen AS",
    "Norge AS",
];
pub(super) const STREETS: [&str; 16] = [
    "Storgata",
    "Kongens gate",
    "Industriveien",
    "Havnegata",
    "Sjøgata",
    "Fjordveien",
    "Nedre Langgate",
    "Strandveien",
    "Kirkegata",
    "Torggata",
    "Verkstedveien",
    "Næringsveien",
    "Brugata",
    "Jernbanegata",
    "Fabrikkveien",
    "Kaiveien",
];

/// The demo's message templates, (channel, name, subject, body): the firm's …
pub(super) const FIRM_TEMPLATES: [(&str, &str, &str, &str); 4] = [
    (
        "email",
        "Velkommen som kunde",
        "Velkommen som kunde, {customer_name}",
        "Hei {first_name}!\n\nTakk for at {customer_name} har valgt oss som bemanningspartner. \
         Jeg er din faste kontakt hos oss og hjelper deg med vikarer, rekruttering og \
         timelister.\n\nTimelistene godkjenner du i kundeportalen hver mandag innen kl. 12.\n\n\
         {sender_signature}",
    ),
    (
        "email",
        "Timelister til godkjenning",
        "Timelister til godkjenning – {customer_name}",
        "Hei {first_name},\n\nTimelistene for forrige uke ligger klare i kundeportalen. Godkjenn \
         dem gjerne innen mandag kl. 12, så rekker vi lønnskjøringen.\n\n{sender_signature}",
    ),
    (
        "sms",
        "Påminnelse om timelister",
        "",
        "Hei {first_name}! Husk å godkjenne timelistene for forrige uke i kundeportalen innen \
         kl. 12 i dag. Mvh {sender_name}",
    ),
    (
        "sms",
        "Vikar bekreftet",
        "",
        "Hei {first_name}! Vikaren er bekreftet og møter kl. 07.00 i morgen. Ring meg om noe \
         endrer seg. Mvh {sender_name}",
    ),
];

/// … and one consultant's own.
pub(super) const PERSONAL_TEMPLATES: [(&str, &str, &str, &str); 2] = [
    (
        "email",
        "Oppfølging etter møte",
        "Oppsummering av møtet med {customer_name}",
        "Hei {first_name},\n\nTakk for et godt møte i dag. Som avtalt sender jeg forslag til \
         bemanning for neste kvartal innen fredag.\n\n{sender_signature}",
    ),
    (
        "sms",
        "Ringer deg snart",
        "",
        "Hei {first_name}, jeg prøvde å nå deg. Jeg ringer igjen i ettermiddag. Mvh {sender_name}",
    ),
];

/// SMS replies from contacts.
pub(super) const REPLIES: [&str; 4] = [
    "Takk, det passer fint!",
    "Godkjent nå. Hilsen",
    "Kan vikaren komme kl. 08 i stedet?",
    "Ok, snakkes!",
];
