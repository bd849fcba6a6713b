//! Norwegian rules as data, below the features: public holidays, mobile numbers, bank accounts
//! (Norwegian MOD11 and IBAN/BIC), national identity numbers, organisation numbers (moved here
//! from `customers` for the EHF writer) and KID payment references (MOD10 and MOD11). Each is a
//! pure function, unit-tested here and compared with an independent implementation in
//! `tests/it/oracles.rs`.

pub mod bank_account;
pub mod holidays;
pub mod kid;
pub mod mobile;
pub mod national_id;
pub mod orgnr;
