//! Brønnøysund Enhetsregisteret (open API, no key): look up a company by organisation number.
//! Contract: `GET {base}/enheter/{orgnr}` → 200 JSON, 404 unknown, 410 removed.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use url::Url;

#[derive(Clone, Debug)]
pub struct BrregClient {
    http: reqwest::Client,
    base: Url,
}

/// The fields Kundekort uses from an `enhet`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Enhet {
    pub organisasjonsnummer: String,
    pub navn: String,
    pub organisasjonsform: Option<Kode>,
    pub forretningsadresse: Option<Adresse>,
    pub postadresse: Option<Adresse>,
    pub naeringskode1: Option<Kode>,
    pub antall_ansatte: Option<i64>,
    pub hjemmeside: Option<String>,
    #[serde(default)]
    pub konkurs: bool,
    #[serde(default)]
    pub under_avvikling: bool,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
pub struct Kode {
    pub kode: String,
    pub beskrivelse: String,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Adresse {
    #[serde(default)]
    pub adresse: Vec<String>,
    pub postnummer: Option<String>,
    pub poststed: Option<String>,
    pub kommunenummer: Option<String>,
    pub kommune: Option<String>,
    pub landkode: Option<String>,
}

impl Adresse {
    pub fn street(&self) -> String {
        self.adresse
            .iter()
            .filter(|l| !l.trim().is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BrregError {
    #[error("no company with that number")]
    NotFound,
    #[error("the company has been removed from the register")]
    Removed,
    #[error("Enhetsregisteret could not be reached: {0}")]
    Unreachable(String),
}

impl BrregClient {
    pub fn new(base: Url) -> Self {
        let http = crate::integrations::http_client(Duration::from_secs(5))
            .build()
            .expect("http client");
        Self { http, base }
    }

    /// Looks up a main unit (enhet) by its nine digits.
    pub async fn enhet(&self, org_number: &str) -> Result<Enhet, BrregError> {
        let url = self
            .base
            .join(&format!("enheter/{org_number}"))
            .map_err(|e| BrregError::Unreachable(e.to_string()))?;
        let response = self
            .http
            .get(url)
            .header("accept", "application/json")
            .send()
            .await
            .map_err(|e| BrregError::Unreachable(e.to_string()))?;
        match response.status().as_u16() {
            200 => response
                .json::<Enhet>()
                .await
                .map_err(|e| BrregError::Unreachable(e.to_string())),
            404 | 400 => Err(BrregError::NotFound),
            410 => Err(BrregError::Removed),
            other => Err(BrregError::Unreachable(format!("HTTP {other}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_shape() {
        let json = r#"{"organisasjonsnummer":"974760673","navn":"REGISTERENHETEN I BRØNNØYSUND",
            "organisasjonsform":{"kode":"ORGL","beskrivelse":"Organisasjonsledd"},
            "forretningsadresse":{"land":"Norge","landkode":"NO","postnummer":"8900","poststed":"BRØNNØYSUND",
              "adresse":["Havnegata 48"],"kommune":"BRØNNØY","kommunenummer":"1813"},
            "naeringskode1":{"beskrivelse":"Generell offentlig administrasjon","kode":"84.110"},
            "antallAnsatte":550,"registrertIMvaregisteret":false,"konkurs":false,"underAvvikling":false}"#;
        let enhet: Enhet = serde_json::from_str(json).unwrap();
        assert_eq!(enhet.navn, "REGISTERENHETEN I BRØNNØYSUND");
        assert_eq!(enhet.forretningsadresse.unwrap().street(), "Havnegata 48");
        assert_eq!(enhet.naeringskode1.unwrap().kode, "84.110");
        assert_eq!(enhet.antall_ansatte, Some(550));
    }
}
