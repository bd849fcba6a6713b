//! Norwegian rules as data, below the features: public holidays, mobile numbers, bank accounts (Norwegian
//! MOD11 and IBAN/BIC) and national identity numbers. Each is a pure function, unit-tested
//! here and compared with an independent implementation in `tests/it/oracles.rs`.

pub mod bank_account;
pub mod holidays;
pub mod mobile;
pub mod national_id;
