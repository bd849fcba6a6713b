//! ISO 20022 camt.054 (Bank to Customer Debit Credit Notification) as Norwegian banks send it
//! for incoming payments: `Document/BkToCstmrDbtCdtNtfctn/Ntfctn/Ntry`, each entry with its
//! amount (`Amt` with `Ccy`), `CdtDbtInd` (CRDT/DBIT), `RvslInd`, status, `BookgDt`/`ValDt`
//! and, for a batch, one `NtryDtls/TxDtls` per payment with its own amount, the payer
//! (`RltdPties/Dbtr/Nm` or `…/Dbtr/Pty/Nm`), references and the KID in
//! `RmtInf/Strd/CdtrRefInf/Ref`. The namespace version (001.02 … 001.08) is not checked: the
//! element names read here are the same in all of them.
//!
//! What is a payment: a booked credit (money in), and a booked debit with the reversal indicator
//! (a payment taken back: negative). Other entries (our own outgoing debits, pending entries) are
//! skipped and counted. A bad file is refused naming the entry (1-based, in document order);
//! nothing is used.

use quick_xml::{Reader, events::Event};

use super::ocr::{FileError, FilePayment};

#[derive(Default)]
struct Tx {
    amount: Option<String>,
    currency: Option<String>,
    credit_debit: Option<String>,
    kid: Option<String>,
    payer: Option<String>,
    reference: Option<String>,
}

#[derive(Default)]
struct Entry {
    tx: Tx,
    reversal: Option<String>,
    status: Option<String>,
    booked: Option<String>,
    value: Option<String>,
    details: Vec<Tx>,
}

/// The payments in a camt.054 file and how many entries were not payments to us.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    pub payments: Vec<FilePayment>,
    pub skipped: usize,
}

/// `1234.5` → 123450 øre (no sign, at most two decimals).
pub fn amount_ore(s: &str) -> Option<i64> {
    let s = s.trim();
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty()
        || whole.len() > 15
        || frac.len() > 2
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let frac = format!("{frac:0<2}");
    whole
        .parse::<i64>()
        .ok()?
        .checked_mul(100)?
        .checked_add(frac.parse().ok()?)
}

fn date(s: &Option<String>) -> Option<String> {
    let s = s.as_deref()?.trim();
    let d = s.get(..10)?;
    crate::timefmt::when::parse_date(d).map(crate::timefmt::when::date_string)
}

fn ends_with(path: &[String], tail: &[&str]) -> bool {
    path.len() >= tail.len()
        && path[path.len() - tail.len()..]
            .iter()
            .zip(tail)
            .all(|(a, b)| a.as_str() == *b)
}

/// Reads a camt.054 file.
pub fn parse(text: &str) -> Result<Parsed, FileError> {
    let bad = |line: u64, what: &'static str| FileError { line, what };
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut path: Vec<String> = Vec::new();
    let mut text_buf = String::new();
    let mut entries = 0u64;
    let mut entry: Option<Entry> = None;
    let mut in_tx = false;
    let mut seen_root = false;
    let mut out = Parsed::default();
    loop {
        let event = reader
            .read_event()
            .map_err(|_| bad(entries.max(1), "camt-xml"))?;
        match event {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if name == "BkToCstmrDbtCdtNtfctn" {
                    seen_root = true;
                }
                if name == "Ntry" && ends_with(&path, &["Ntfctn"]) {
                    entries += 1;
                    entry = Some(Entry::default());
                }
                if name == "TxDtls" && entry.is_some() {
                    in_tx = true;
                    if let Some(en) = entry.as_mut() {
                        en.details.push(Tx::default());
                    }
                }
                if name == "Amt"
                    && let Some(en) = entry.as_mut()
                {
                    let ccy = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == b"Ccy")
                        .map(|a| String::from_utf8_lossy(&a.value).into_owned());
                    let tx = if in_tx {
                        en.details.last_mut()
                    } else {
                        Some(&mut en.tx)
                    };
                    if let Some(tx) = tx
                        && tx.currency.is_none()
                    {
                        tx.currency = ccy;
                    }
                }
                path.push(name);
                text_buf.clear();
            }
            Event::Text(t) => {
                text_buf.push_str(&t.decode().map_err(|_| bad(entries.max(1), "camt-xml"))?)
            }
            Event::CData(t) => {
                text_buf.push_str(&t.decode().map_err(|_| bad(entries.max(1), "camt-xml"))?)
            }
            Event::GeneralRef(r) => {
                let name = r.decode().map_err(|_| bad(entries.max(1), "camt-xml"))?;
                let c = match name.as_ref() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => r.resolve_char_ref().ok().flatten(),
                };
                text_buf.push(c.ok_or(bad(entries.max(1), "camt-xml"))?);
            }
            Event::End(_) => {
                let value = std::mem::take(&mut text_buf).trim().to_string();
                if let Some(en) = entry.as_mut() {
                    let set = |slot: &mut Option<String>| {
                        if slot.is_none() && !value.is_empty() {
                            *slot = Some(value.clone());
                        }
                    };
                    if in_tx {
                        let tx = en.details.last_mut().expect("in a TxDtls");
                        if ends_with(&path, &["TxDtls", "Amt"])
                            || ends_with(&path, &["TxDtls", "AmtDtls", "TxAmt", "Amt"])
                        {
                            set(&mut tx.amount);
                        } else if ends_with(&path, &["TxDtls", "CdtDbtInd"]) {
                            set(&mut tx.credit_debit);
                        } else if ends_with(&path, &["Strd", "CdtrRefInf", "Ref"]) {
                            set(&mut tx.kid);
                        } else if ends_with(&path, &["Dbtr", "Nm"])
                            || ends_with(&path, &["Dbtr", "Pty", "Nm"])
                        {
                            set(&mut tx.payer);
                        } else if ends_with(&path, &["Refs", "AcctSvcrRef"])
                            || ends_with(&path, &["Refs", "EndToEndId"])
                        {
                            if value != "NOTPROVIDED" {
                                set(&mut tx.reference);
                            }
                        } else if ends_with(&path, &["RmtInf", "Ustrd"]) && tx.reference.is_none() {
                            set(&mut tx.reference);
                        }
                    } else if ends_with(&path, &["Ntry", "Amt"]) {
                        set(&mut en.tx.amount);
                    } else if ends_with(&path, &["Ntry", "CdtDbtInd"]) {
                        set(&mut en.tx.credit_debit);
                    } else if ends_with(&path, &["Ntry", "RvslInd"]) {
                        set(&mut en.reversal);
                    } else if ends_with(&path, &["Ntry", "Sts"])
                        || ends_with(&path, &["Ntry", "Sts", "Cd"])
                    {
                        set(&mut en.status);
                    } else if ends_with(&path, &["Ntry", "BookgDt", "Dt"])
                        || ends_with(&path, &["Ntry", "BookgDt", "DtTm"])
                    {
                        set(&mut en.booked);
                    } else if ends_with(&path, &["Ntry", "ValDt", "Dt"])
                        || ends_with(&path, &["Ntry", "ValDt", "DtTm"])
                    {
                        set(&mut en.value);
                    } else if ends_with(&path, &["Ntry", "AcctSvcrRef"]) {
                        set(&mut en.tx.reference);
                    }
                }
                let name = path.pop().unwrap_or_default();
                if name == "TxDtls" {
                    in_tx = false;
                }
                if name == "Ntry"
                    && let Some(en) = entry.take()
                {
                    finish(en, entries, &mut out)?;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_root {
        return Err(bad(0, "camt-not-054"));
    }
    Ok(out)
}

/// An entry read whole: its payments added to `out`, or the entry refused.
fn finish(en: Entry, number: u64, out: &mut Parsed) -> Result<(), FileError> {
    let bad = |what: &'static str| FileError { line: number, what };
    let entry_amount = en
        .tx
        .amount
        .as_deref()
        .and_then(amount_ore)
        .ok_or(bad("camt-amount"))?;
    if en.tx.currency.as_deref() != Some("NOK") {
        return Err(bad("camt-currency"));
    }
    let entry_credit = match en.tx.credit_debit.as_deref() {
        Some("CRDT") => true,
        Some("DBIT") => false,
        _ => return Err(bad("camt-credit-debit")),
    };
    let reversal = match en.reversal.as_deref() {
        None | Some("false") | Some("0") => false,
        Some("true") | Some("1") => true,
        _ => return Err(bad("camt-reversal")),
    };
    let paid_on = date(&en.value)
        .or_else(|| date(&en.booked))
        .ok_or(bad("camt-date"))?;
    let booked = en.status.as_deref().is_none_or(|s| s == "BOOK");
    // A payment to us: a credit, or a reversal of one (a debit marked as reversal).
    if !booked || entry_credit == reversal {
        out.skipped += 1;
        return Ok(());
    }
    let sign = if reversal { -1 } else { 1 };
    let txs = if en.details.is_empty() {
        vec![en.tx]
    } else {
        en.details
    };
    let mut sum = 0i64;
    let mut batch = Vec::new();
    for tx in txs {
        let amount = match tx.amount.as_deref() {
            Some(a) => amount_ore(a).ok_or(bad("camt-amount"))?,
            None => return Err(bad("camt-amount")),
        };
        if tx.currency.as_deref().is_some_and(|c| c != "NOK") {
            return Err(bad("camt-currency"));
        }
        if tx
            .credit_debit
            .as_deref()
            .is_some_and(|c| (c == "CRDT") != entry_credit)
        {
            return Err(bad("camt-credit-debit"));
        }
        sum += amount;
        batch.push(FilePayment {
            line: number,
            amount_ore: sign * amount,
            paid_on: paid_on.clone(),
            kid: tx.kid.filter(|k| !k.is_empty()),
            payer: tx.payer,
            reference: tx.reference,
            reversal,
        });
    }
    if sum != entry_amount {
        return Err(bad("camt-batch-sum"));
    }
    out.payments.extend(batch);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(amount: &str, cd: &str, rvsl: bool, txs: &[(&str, &str)]) -> String {
        let details: String = txs
            .iter()
            .map(|(amt, kid)| {
                format!(
                    "<TxDtls><Refs><AcctSvcrRef>A1</AcctSvcrRef></Refs>\
                     <Amt Ccy=\"NOK\">{amt}</Amt><CdtDbtInd>{cd}</CdtDbtInd>\
                     <RltdPties><Dbtr><Nm>Ola &amp; Kari AS</Nm></Dbtr></RltdPties>\
                     <RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp>\
                     <Ref>{kid}</Ref></CdtrRefInf></Strd></RmtInf></TxDtls>"
                )
            })
            .collect();
        format!(
            "<Ntry><Amt Ccy=\"NOK\">{amount}</Amt><CdtDbtInd>{cd}</CdtDbtInd>\
             <RvslInd>{rvsl}</RvslInd><Sts>BOOK</Sts><BookgDt><Dt>2026-12-01</Dt></BookgDt>\
             <ValDt><Dt>2026-12-02</Dt></ValDt><BkTxCd/><NtryDtls>{details}</NtryDtls></Ntry>"
        )
    }

    fn doc(entries: &[String]) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
             <Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.02\">\
             <BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>1</MsgId></GrpHdr><Ntfctn><Id>N1</Id>\
             {}</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>",
            entries.concat()
        )
    }

    #[test]
    fn reads_batches_and_reversals() {
        let p = parse(&doc(&[
            entry(
                "1500.50",
                "CRDT",
                false,
                &[("1000.00", "123"), ("500.5", "456")],
            ),
            entry("200", "DBIT", true, &[("200", "123")]),
            entry("99.00", "DBIT", false, &[("99.00", "")]),
        ]))
        .unwrap();
        assert_eq!(p.skipped, 1);
        assert_eq!(p.payments.len(), 3);
        assert_eq!(p.payments[0].amount_ore, 100_000);
        assert_eq!(p.payments[0].kid.as_deref(), Some("123"));
        assert_eq!(p.payments[0].payer.as_deref(), Some("Ola & Kari AS"));
        assert_eq!(p.payments[0].paid_on, "2026-12-02");
        assert_eq!(p.payments[1].amount_ore, 50_050);
        assert_eq!(p.payments[2].amount_ore, -20_000);
        assert!(p.payments[2].reversal);
        assert_eq!(p.payments[2].line, 2);
    }

    #[test]
    fn refuses_bad_entries() {
        let e = parse(&doc(&[
            entry("10", "CRDT", false, &[("10", "1")]),
            entry("10", "CRDT", false, &[("9", "1")]),
        ]))
        .unwrap_err();
        assert_eq!((e.line, e.what), (2, "camt-batch-sum"));
        let e = parse(&doc(&[entry("1,00", "CRDT", false, &[])])).unwrap_err();
        assert_eq!((e.line, e.what), (1, "camt-amount"));
        assert_eq!(parse("<a/>").unwrap_err().what, "camt-not-054");
        assert_eq!(parse("<a><b></a>").unwrap_err().what, "camt-xml");
    }
}
