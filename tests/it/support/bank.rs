//! Bank files built from the published formats' field tables, not from the parser: ISO 20022
//! camt.054 (BankToCustomerDebitCreditNotification, version 001.02, as Norwegian banks send it),
//! for the payments tests and the earlier invoices' KID matching.

use kundekort::timefmt::{
    now,
    when::{date_string, oslo_date},
};

/// An entry: amount (kroner text), CRDT/DBIT, reversal, and its transactions (amount, KID).
pub fn camt_entry(amount: &str, cd: &str, reversal: bool, txs: &[(&str, &str)]) -> String {
    let day = date_string(oslo_date(now()));
    let details: String = txs
        .iter()
        .map(|(amt, kid)| {
            let rmt = if kid.is_empty() {
                "<RmtInf><Ustrd>Betaling</Ustrd></RmtInf>".to_string()
            } else {
                format!(
                    "<RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp>\
                     <Ref>{kid}</Ref></CdtrRefInf></Strd></RmtInf>"
                )
            };
            format!(
                "<TxDtls><Refs><AcctSvcrRef>7001</AcctSvcrRef><EndToEndId>NOTPROVIDED</EndToEndId></Refs>\
                 <AmtDtls><TxAmt><Amt Ccy=\"NOK\">{amt}</Amt></TxAmt></AmtDtls>\
                 <RltdPties><Dbtr><Nm>Kunde AS</Nm></Dbtr></RltdPties>{rmt}</TxDtls>"
            )
        })
        .collect();
    format!(
        "<Ntry><Amt Ccy=\"NOK\">{amount}</Amt><CdtDbtInd>{cd}</CdtDbtInd>\
         <RvslInd>{reversal}</RvslInd><Sts>BOOK</Sts><BookgDt><Dt>{day}</Dt></BookgDt>\
         <ValDt><Dt>{day}</Dt></ValDt><BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd>\
         <SubFmlyCd>VCOM</SubFmlyCd></Fmly></Domn></BkTxCd><NtryDtls><Btch>\
         <NbOfTxs>{}</NbOfTxs></Btch>{details}</NtryDtls></Ntry>",
        txs.len()
    )
}

pub fn camt_file(id: &str, entries: &[String]) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.02\">\
         <BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>{id}</MsgId><CreDtTm>2026-12-02T06:00:00</CreDtTm>\
         </GrpHdr><Ntfctn><Id>{id}-1</Id><CreDtTm>2026-12-02T06:00:00</CreDtTm>\
         <Acct><Id><IBAN>NO9386011117947</IBAN></Id></Acct>{}</Ntfctn>\
         </BkToCstmrDbtCdtNtfctn></Document>",
        entries.concat()
    )
}
