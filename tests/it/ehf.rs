//! The EHF documents the product writes pass the official rules: each is written to a temporary
//! folder and `tools/ehf-validator/validate` (UBL 2.1 XSD with xmllint, the CEN EN 16931 and
//! PEPPOL BIS 3 schematron with Saxon-HE) must accept all of them. The validator is the
//! repository's copy of `../shared/validators/ehf` (or `EHF_VALIDATOR`); without it or its tools (Java,
//! xmllint, Saxon) the test is skipped locally and fails in CI (`CI=true`). No database: the
//! writer is below the features.

use std::path::{Path, PathBuf};
use std::process::Command;

use kundekort::ehf::{
    self, Address, Attachment, Buyer, Contact, Document, Endpoint, Kind, Line, Payment, Period,
    Seller, Unit,
};
use kundekort::money::vat::{self, Rounding, Vat};
use kundekort::norway::{
    bank_account::Kontonr,
    kid::{Algorithm, Dash, KidRule},
    orgnr::OrgNumber,
};
use time::macros::date;

fn validator() -> PathBuf {
    match std::env::var_os("EHF_VALIDATOR") {
        Some(path) => PathBuf::from(path),
        // A copy of ../shared/validators/ehf kept in the repository (tools/ehf-validator), so a
        // clone anywhere validates the same way.
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/ehf-validator/validate"),
    }
}

/// The validator's verdict on `files`: `None` (skipped) when it or its tools are missing,
/// outside CI.
pub(crate) fn validate(files: &[PathBuf]) -> Option<(bool, String)> {
    let tool = validator();
    let run = Command::new(&tool).args(files).output();
    let why = match run {
        // Exit 2: a tool (xmllint, Java, Saxon) is missing.
        Ok(out) if out.status.code() != Some(2) => {
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            return Some((out.status.success(), text));
        }
        Ok(out) => String::from_utf8_lossy(&out.stderr).into_owned(),
        Err(e) => format!("{}: {e}", tool.display()),
    };
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "the EHF validator is required in CI: {why}"
    );
    eprintln!(
        "skipped: the EHF validator could not run ({why}); apt-get install libxml2-utils libsaxonhe-java default-jre-headless"
    );
    None
}

fn org(n: &str) -> OrgNumber {
    OrgNumber::parse(n).unwrap()
}

fn s(rate_pct: u32) -> Vat {
    Vat::Standard {
        rate_bp: rate_pct * 100,
    }
}

fn line(id: &str, name: &str, unit: Unit, quantity_milli: i64, price_ore: i64, vat: Vat) -> Line {
    Line {
        id: id.into(),
        name: name.into(),
        description: None,
        note: None,
        unit,
        priced: vat::Line {
            quantity_milli,
            unit_price_ore: price_ore,
            vat,
        },
        period: None,
    }
}

const NOVEMBER: Period = Period {
    start: date!(2026 - 11 - 01),
    end: date!(2026 - 11 - 30),
};

/// An invoice from the agency to a customer, as the invoices feature will fill it.
fn invoice(number: &str, lines: Vec<Line>) -> Document {
    let kid = KidRule {
        algorithm: Algorithm::Mod10,
        dash: Dash::Use,
        length: Some(12),
        customer_digits: 5,
    }
    .for_invoice(42, number.parse().unwrap_or(1))
    .unwrap();
    Document {
        kind: Kind::Invoice,
        number: number.into(),
        issue_date: date!(2026 - 12 - 02),
        due_date: Some(date!(2026 - 12 - 16)),
        note: None,
        buyer_reference: Some("Kari Nordmann / prosjekt 7".into()),
        order_reference: None,
        period: Some(NOVEMBER),
        delivery_date: None,
        seller: Seller {
            name: "Bemanning & Rekruttering AS".into(),
            trading_name: Some("B&R Bemanning".into()),
            org_number: org("123456785"),
            vat_registered: true,
            foretaksregisteret: true,
            address: Address {
                street: Some("Storgata 1".into()),
                additional_street: None,
                postal_code: Some("0155".into()),
                city: Some("Oslo".into()),
                country: "NO".into(),
            },
            contact: Contact {
                name: Some("Ola Fakturasen".into()),
                phone: Some("22 22 22 22".into()),
                email: Some("faktura@bemanning.example".into()),
            },
        },
        buyer: Buyer {
            name: "Kunde <Bygg> & Anlegg AS".into(),
            org_number: Some(org("987654325")),
            vat_number: Some("NO987654325MVA".into()),
            endpoint: Endpoint::norwegian(&org("987654325")),
            address: Address {
                street: Some("Kaigata 5".into()),
                additional_street: Some("Bygg B, 3. etg.".into()),
                postal_code: Some("5003".into()),
                city: Some("Bergen".into()),
                country: "NO".into(),
            },
            contact: Contact {
                name: Some("Kari Nordmann".into()),
                phone: None,
                email: Some("kari@kunde.example".into()),
            },
        },
        payment: Some(Payment {
            account: Kontonr::parse("86011117947").unwrap(),
            kid: Some(kid),
        }),
        payment_terms: Some("14 dager netto".into()),
        lines,
        attachments: Vec::new(),
        prepaid_ore: 0,
        rounding: Rounding::None,
    }
}

fn credit_note(number: &str, of: &Document, lines: Vec<Line>, reason: &str) -> Document {
    Document {
        kind: Kind::CreditNote {
            invoice_number: of.number.clone(),
            invoice_issue_date: Some(of.issue_date),
        },
        number: number.into(),
        issue_date: date!(2026 - 12 - 10),
        due_date: None,
        note: Some(reason.into()),
        payment: None,
        lines,
        attachments: Vec::new(),
        ..of.clone()
    }
}

/// The documents: several rates, zero-rated and exempt lines, reverse charge, outside scope,
/// rounding edge cases, a whole and a partial credit note.
fn documents() -> Vec<(&'static str, Document)> {
    let mut hours = line(
        "1",
        "Lagermedarbeider — Kari Nordmann",
        Unit::Hour,
        150_500,
        45_050,
        s(25),
    );
    hours.description = Some("Uke 45–48, godkjent av Per Hansen 01.12.2026".into());
    hours.period = Some(NOVEMBER);
    let mut course = line("2", "Truckkurs", Unit::Piece, 1_000, 1_234_567, s(15));
    course.note = Some("Odd text: <tag> & \"quotes\" 'apostrophes'\u{7} æøå ÆØÅ".into());
    course.period = Some(Period {
        start: date!(2026 - 11 - 10),
        end: date!(2026 - 11 - 11),
    });
    let rates = {
        let mut doc = invoice(
            "10001",
            vec![
                hours,
                course,
                line("3", "Kantine", Unit::Day, 3_000, 8_950, s(12)),
                line("4", "Kjøring", Unit::Kilometre, 123_400, 450, s(25)),
                line(
                    "5",
                    "Rekrutteringshonorar",
                    Unit::LumpSum,
                    1_000,
                    4_500_000,
                    s(25),
                ),
            ],
        );
        doc.attachments.push(Attachment {
            id: "10001-timer".into(),
            description: Some("Timeliste".into()),
            filename: "timer-10001.csv".into(),
            mime: "text/csv".into(),
            content: "dato;timer\n2026-11-02;7,5\n".as_bytes().to_vec(),
        });
        doc.attachments.push(Attachment {
            id: "10001".into(),
            description: Some("Faktura 10001".into()),
            filename: "faktura-10001.pdf".into(),
            mime: "application/pdf".into(),
            content: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec(),
        });
        doc
    };
    let zero_and_exempt = invoice(
        "10002",
        vec![
            line("1", "Konsulent", Unit::Hour, 7_500, 65_000, s(25)),
            line(
                "2",
                "Eksport av tjeneste",
                Unit::Hour,
                2_000,
                80_000,
                Vat::ZeroRated,
            ),
            line(
                "3",
                "Kurs for arbeidsledige",
                Unit::Piece,
                1_000,
                350_000,
                Vat::Exempt {
                    reason: "Unntatt etter merverdiavgiftsloven § 3-5".into(),
                },
            ),
        ],
    );
    let reverse = invoice(
        "10003",
        vec![line(
            "1",
            "Klimakvoter",
            Unit::Piece,
            10_000,
            12_500,
            Vat::ReverseCharge,
        )],
    );
    let mut outside = invoice(
        "10004",
        vec![line(
            "1",
            "Utlegg: gebyr betalt for kunden",
            Unit::Piece,
            1_000,
            25_000,
            Vat::OutsideScope,
        )],
    );
    outside.buyer.vat_number = None;
    // Rounding: half-øre lines (1,5 × 3,33 = 4,995), many small lines whose VAT differs when
    // rounded per line, a deduction, whole kroner with a rounding amount and a prepaid amount.
    let mut small: Vec<Line> = (1..=41)
        .map(|i| line(&i.to_string(), "Kopi", Unit::Piece, 1_000, 2, s(25)))
        .collect();
    small.push(line("42", "Halvt øre", Unit::Hour, 1_500, 333, s(15)));
    small.push(line("43", "Tredel", Unit::Hour, 333, 15, s(12)));
    small.push(line("44", "Rabatt", Unit::Piece, -1_000, 1_001, s(25)));
    small.push(line("45", "Timer", Unit::Hour, 7_333, 65_055, s(25)));
    let mut rounding = invoice("10005", small);
    rounding.rounding = Rounding::WholeKroner;
    rounding.prepaid_ore = 10_001;
    let base = &rates;
    let whole = credit_note(
        "K-501",
        base,
        base.lines.clone(),
        "Feil kunde: hele fakturaen krediteres",
    );
    let mut partial_line = base.lines[0].clone();
    partial_line.priced.quantity_milli = 7_250;
    partial_line.id = "1".into();
    let partial = credit_note(
        "K-502",
        base,
        vec![partial_line, base.lines[3].clone()],
        "7,25 timer ført for mye; kjøring krediteres",
    );
    vec![
        ("invoice-rates", rates),
        ("invoice-zero-exempt", zero_and_exempt),
        ("invoice-reverse-charge", reverse),
        ("invoice-outside-scope", outside),
        ("invoice-rounding", rounding),
        ("credit-note-whole", whole),
        ("credit-note-partial", partial),
    ]
}

#[test]
fn every_ehf_document_passes_the_validator() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (name, doc) in documents() {
        let xml = ehf::write(&doc).unwrap_or_else(|e| panic!("{name}: {e}"));
        let text = String::from_utf8(xml).unwrap();
        // What § 5-1-1 and the credit note's reference put into the document.
        assert!(
            text.contains("<cbc:CompanyID>NO123456785MVA</cbc:CompanyID>")
                || name.contains("outside")
        );
        assert!(text.contains("<cbc:CompanyID>Foretaksregisteret</cbc:CompanyID>"));
        if name.starts_with("credit") {
            assert!(text.contains("<cac:InvoiceDocumentReference>"), "{name}");
            assert!(text.contains("<cbc:ID>10001</cbc:ID>"), "{name}");
        } else {
            assert!(text.contains("<cbc:PaymentID>"), "{name}: the KID");
        }
        let path = dir.path().join(format!("{name}.xml"));
        std::fs::write(&path, &text).unwrap();
        files.push(path);
    }
    // The tool itself, on its official examples.
    let examples = validator().with_file_name("examples");
    for example in [
        "peppol-norwegian-example-1.xml",
        "peppol-base-creditnote-correction.xml",
    ] {
        files.push(examples.join(example));
    }
    if let Ok(dir) = std::env::var("EHF_OUT") {
        for f in &files {
            let _ = std::fs::copy(f, Path::new(&dir).join(f.file_name().unwrap()));
        }
    }
    let Some((ok, output)) = validate(&files) else {
        return;
    };
    assert!(ok, "the validator refused a document:\n{output}");
    assert_eq!(
        output.lines().filter(|l| l.starts_with("PASS ")).count(),
        files.len(),
        "{output}"
    );
    // And it does refuse: the first invoice with its VAT total off by one krone (BR-CO-14).
    let good = std::fs::read_to_string(&files[0]).unwrap();
    let vat = good
        .split("<cbc:TaxAmount currencyID=\"NOK\">")
        .nth(1)
        .unwrap();
    let vat = &vat[..vat.find('<').unwrap()];
    let wrong = format!("{:.2}", vat.parse::<f64>().unwrap() + 1.0);
    let tampered = dir.path().join("tampered.xml");
    std::fs::write(&tampered, good.replacen(vat, &wrong, 1)).unwrap();
    let (ok, output) = validate(&[tampered]).unwrap();
    assert!(!ok && output.contains("BR-CO-14"), "{output}");
}

#[test]
fn the_totals_are_what_the_document_says() {
    let docs = documents();
    let rounding = &docs
        .iter()
        .find(|(n, _)| *n == "invoice-rounding")
        .unwrap()
        .1;
    let t = rounding.totals().unwrap();
    assert!(t.rounding_ore.abs() <= 50);
    assert_eq!(t.payable_ore % 100, 0);
    let text = String::from_utf8(ehf::write(rounding).unwrap()).unwrap();
    assert!(text.contains(&format!(
        "<cbc:PayableRoundingAmount currencyID=\"NOK\">{}",
        if t.rounding_ore < 0 { "-" } else { "" }
    )));
    assert!(text.contains("<cbc:PrepaidAmount currencyID=\"NOK\">100.01</cbc:PrepaidAmount>"));
    // 41 lines of 0,02 kr at 25 %: one group of 0,82 kr, VAT 0,205 → 0,21 (per line it would
    // be 41 × 0,01 = 0,41) — together with the deduction and the hours in the same group.
    let group25 = &t.breakdown[0];
    assert_eq!(group25.taxable_ore, 82 - 1_001 + 477_048);
    assert_eq!(group25.vat_ore, (group25.taxable_ore * 25 + 50) / 100);
}
