//! Clients for outside services. Each takes its base URL from config, so tests point it at a
//! local fake that follows the real contract.

pub mod access_point;
pub mod arbeidsplassen;
pub mod brreg;
pub mod finn;
pub mod idura;
pub mod sms;
pub mod smtp;
