//! Words of this installation that make a password easy to guess (ASVS V6.1.2 and V6.2.11,
//! decision 0064, where the list is documented): the product, the trade, the firm and the
//! address people log in at. A guesser aiming at one agency tries these first ("Kundekort2025!",
//! the firm's name with a year). They go to zxcvbn as user inputs, with the person's own name and
//! email, so a password made of them and a few digits scores too low, while a passphrase that
//! merely contains one of them can still be long enough.

use crate::config::Config;

/// The product's and the trade's words, the same in every installation.
pub const FIXED: &[&str] = &[
    "kundekort",
    "bemanning",
    "bemanningsbyrå",
    "vikar",
    "vikarbyrå",
    "vikariat",
    "rekruttering",
    "staffing",
];

/// [`FIXED`], the firm's name (`KUNDEKORT_SELLER_NAME`) and the public host's names
/// (`KUNDEKORT_PUBLIC_URL`, each label with a letter in it: not an IP address's numbers).
pub fn words(config: &Config) -> Vec<String> {
    let mut words: Vec<String> = FIXED.iter().map(|w| w.to_string()).collect();
    words.push(config.seller.name.clone());
    if let Some(host) = config.public_url.host_str() {
        words.extend(
            host.split('.')
                .filter(|label| label.chars().any(|c| c.is_alphabetic()))
                .map(str::to_string),
        );
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_firm_and_the_host_join_the_fixed_words() {
        let mut config = Config::with_data_dir("/tmp/none".into());
        config.seller.name = "Fjordlys Bemanning AS".into();
        config.public_url = url::Url::parse("https://kort.havbris.no/").unwrap();
        let listed = words(&config);
        for w in [
            "kundekort",
            "vikar",
            "Fjordlys Bemanning AS",
            "kort",
            "havbris",
            "no",
        ] {
            assert!(listed.iter().any(|x| x == w), "{w}: {listed:?}");
        }
        config.public_url = url::Url::parse("http://127.0.0.1:8080").unwrap();
        assert!(!words(&config).iter().any(|w| w == "127" || w == "0"));
    }
}
